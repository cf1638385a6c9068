import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, migrations } from './migrate.js';
import { openTestDatabase } from './testing.js';

describe('migrate', () => {
  it('applies every migration once and is idempotent', async () => {
    const db = await openTestDatabase();
    try {
      const again = await migrate(db);
      assert.deepEqual(again.applied, []);
      assert.equal(again.current, migrations.length);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((row) => row.version), migrations.map((m) => m.version));
    } finally {
      await db.close();
    }
  });

  it("gives every table holding an organization's data an org_id", async () => {
    const db = await openTestDatabase();
    try {
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      );
      const withOrg = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'org_id'");
      const owned = new Set(withOrg.map((row) => row.table_name));
      const deploymentWide = new Set(['organizations', 'schema_migrations', 'deployment_settings']);
      const missing = tables.map((row) => row.table_name).filter((name) => !owned.has(name) && !deploymentWide.has(name));
      assert.deepEqual(missing, []);
      assert.ok(tables.length >= 8);
    } finally {
      await db.close();
    }
  });
});
