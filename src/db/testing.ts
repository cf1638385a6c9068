import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.js';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';

/**
 * A fresh, migrated database for one test: an in-memory PGlite by default, or a
 * new database on the server named by OPENLER_TEST_DATABASE_URL, dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.OPENLER_TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: ':memory:' });
    await migrate(db);
    return db;
  }
  const name = `openler_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:' });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
      await dropper.end();
    },
  };
}
