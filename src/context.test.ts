import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openContext } from './context.js';
import { MasterKey } from './credentials/keys/master-key.js';

describe('the public URL credentials are issued under', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openler-context-'));
  const masterKey = new MasterKey(randomBytes(32), { kind: 'environment' });
  const saved = process.env.OPENLER_PUBLIC_URL;
  delete process.env.OPENLER_PUBLIC_URL;
  after(() => {
    if (saved !== undefined) process.env.OPENLER_PUBLIC_URL = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });
  const open = (publicUrl?: string) => openContext({ dataDir, loadDefaultLibrary: false, masterKey, ...(publicUrl === undefined ? {} : { publicUrl }), defaultPublicUrl: 'http://localhost:3000' });

  it('is remembered, so a later process without it (the CLI, a restart) keeps the same identifiers', async () => {
    const server = await open('http://localhost:3111');
    const org = await server.orgs.create({ slug: 'riverside', name: 'Riverside', kind: 'institution' });
    const issuer = await server.credentials.issuers.create(org.id, { name: 'Registrar' });
    assert.equal(issuer.issuerId, `http://localhost:3111/issuers/${issuer.id}`);
    await server.close();

    const cli = await open();
    assert.equal(cli.credentials.publicUrl, 'http://localhost:3111');
    assert.equal((await cli.credentials.issuers.get(org.id, issuer.id)).issuerId, issuer.issuerId);
    assert.equal(cli.credentials.issuers.localIssuerId(issuer.issuerId), issuer.id);
    await cli.close();

    // A URL given again replaces it; a bad one is refused before anything changes.
    const moved = await open('https://badges.riverside.example');
    assert.equal(moved.credentials.publicUrl, 'https://badges.riverside.example');
    await moved.close();
    await assert.rejects(open('ftp://riverside.example'), /must be http\(s\)/);
    const again = await open();
    assert.equal(again.credentials.publicUrl, 'https://badges.riverside.example');
    await again.close();
  });
});
