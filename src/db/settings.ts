import type { Queryable } from './database.js';

/** A deployment setting (see migration 5), or undefined when it was never set. */
export async function readSetting(db: Queryable, key: string): Promise<string | undefined> {
  const rows = await db.query<{ value: string }>('SELECT value FROM deployment_settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function writeSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    `INSERT INTO deployment_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, value],
  );
}
