import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { lockDataDir } from './lock.js';
import { OpenlerError } from '../common/errors.js';

export interface StorageOptions {
  /** `postgres://...`: use that server. Otherwise the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Where the embedded database lives (default `./.openler`); `:memory:` keeps it in memory. */
  dataDir: string;
}

/** Where the embedded database keeps its files inside the data directory. */
const embeddedDataPath = (dataDir: string) => join(dataDir, 'pgdata');

/**
 * Whether the configured database is there to be opened without being made:
 * a server named by a URL is; the embedded one once its data directory holds
 * a database (an in-memory one never outlives its process).
 */
export function databaseExists(options: StorageOptions): boolean {
  if (options.databaseUrl) return true;
  if (options.dataDir === ':memory:') return false;
  return existsSync(embeddedDataPath(options.dataDir));
}

/** Opens the configured database: a PostgreSQL server when a URL is given, else embedded PGlite. */
export async function openDatabase(options: StorageOptions): Promise<Database> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new OpenlerError('bad_request', 'DATABASE_URL must start with postgres:// or postgresql://', { field: 'DATABASE_URL' });
    }
    try {
      return await openPostgres(options.databaseUrl);
    } catch (error) {
      throw new OpenlerError('internal', `cannot connect to the PostgreSQL server: ${(error as Error).message}`, {}, { cause: error });
    }
  }
  if (options.dataDir === ':memory:') return openPglite(undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const release = lockDataDir(options.dataDir);
  try {
    const db = await openPglite(embeddedDataPath(options.dataDir));
    return {
      ...db,
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
