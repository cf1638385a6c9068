import type { Database } from './database.js';
import { sql as initial } from './migrations/0001-initial.js';
import { sql as credentials } from './migrations/0002-credentials.js';
import { sql as obApi } from './migrations/0003-ob-api.js';
import { sql as oauthExpiry } from './migrations/0004-oauth-expiry.js';
import { sql as deploymentSettings } from './migrations/0005-deployment-settings.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'credentials', sql: credentials },
  { version: 3, name: 'ob-api', sql: obApi },
  { version: 4, name: 'oauth-expiry', sql: oauthExpiry },
  { version: 5, name: 'deployment-settings', sql: deploymentSettings },
];

export interface MigrationResult {
  applied: Array<{ version: number; name: string }>;
  current: number;
}

/** Applies the migrations the database lacks, each in its own transaction. */
export async function migrate(db: Database): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: MigrationResult['applied'] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Serialise concurrent starters on a shared server; a no-op cost on PGlite.
      await tx.query('SELECT pg_advisory_xact_lock(7346001)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push({ version: migration.version, name: migration.name });
  }
  const last = migrations[migrations.length - 1];
  return { applied, current: last ? last.version : 0 };
}

/** Splits a migration script on top-level semicolons (our migrations hold no functions or quoted semicolons). */
function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}
