import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';
import { storageError } from './storage-errors.js';

/** Embedded PostgreSQL (WASM) persisted in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const wrap = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        return (await target.query<T>(sql, params as unknown[])).rows;
      } catch (error) {
        throw storageError(error);
      }
    },
  });
  const base = wrap(pg);
  return {
    driver: 'pglite',
    query: base.query,
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => work(wrap(tx)));
    },
    async close() {
      await pg.close();
    },
  };
}
