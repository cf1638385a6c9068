import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { storageError } from './storage-errors.js';

// int8 (count(*), bigint columns) as numbers: openler's counts stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

/** A PostgreSQL server reached through a `postgres://` connection string. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Fail fast on a wrong URL instead of on the first request.
  const probe = await pool.connect();
  probe.release();
  return {
    driver: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        return (await pool.query(sql, params as unknown[])).rows as T[];
      } catch (error) {
        throw storageError(error);
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            try {
              return (await client.query(sql, params as unknown[])).rows as R[];
            } catch (error) {
              throw storageError(error);
            }
          },
        };
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
