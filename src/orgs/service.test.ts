import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/testing.js';
import { OpenlerError } from '../common/errors.js';
import { OrganizationService, requireScope } from './service.js';

const failsWith = (code: string) => (error: unknown) => error instanceof OpenlerError && error.code === code;

describe('OrganizationService', () => {
  let db: Database;
  let orgs: OrganizationService;
  before(async () => {
    db = await openTestDatabase();
    orgs = new OrganizationService(db);
  });
  after(async () => db.close());

  it('creates organizations with unique slugs', async () => {
    const college = await orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' });
    assert.equal((await orgs.get('state-college')).id, college.id);
    assert.equal((await orgs.get(college.id)).slug, 'state-college');
    await assert.rejects(orgs.create({ slug: 'state-college', name: 'Again', kind: 'institution' }), failsWith('conflict'));
    await assert.rejects(orgs.create({ slug: 'Bad Slug', name: 'x', kind: 'employer' }), failsWith('validation_failed'));
    assert.deepEqual((await orgs.list()).map((o) => o.slug), ['state-college']);
  });

  it('adds users with roles, updating the role of a known email', async () => {
    await orgs.addUser('state-college', { email: 'Registrar@College.edu', role: 'admin' });
    await orgs.addUser('state-college', { email: 'registrar@college.edu', role: 'owner' });
    const users = await orgs.listUsers('state-college');
    assert.deepEqual(users.map((u) => [u.email, u.role]), [['registrar@college.edu', 'owner']]);
    await assert.rejects(orgs.addUser('state-college', { email: 'not-an-email', role: 'member' }), failsWith('validation_failed'));
  });

  it('stores API keys hashed, authenticates them, and revokes them', async () => {
    const { key, secret } = await orgs.createKey('state-college', { name: 'sis sync', scopes: ['skills:write', 'skills:read'] });
    assert.match(secret, /^olk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const stored = await db.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [key.id]);
    assert.ok(stored[0] && !secret.includes(stored[0].secret_hash) && stored[0].secret_hash.length === 64);
    const principal = await orgs.authenticate(secret);
    assert.equal(principal.orgId, key.orgId);
    assert.deepEqual([...principal.scopes].sort(), ['skills:read', 'skills:write']);
    assert.ok((await orgs.listKeys('state-college'))[0]?.lastUsedAt);
    await assert.rejects(orgs.authenticate(`${secret.slice(0, -1)}x`), failsWith('unauthorized'));
    await assert.rejects(orgs.authenticate('olk_nope'), failsWith('unauthorized'));
    await orgs.revokeKey(key.id);
    await assert.rejects(orgs.authenticate(secret), (e: unknown) => e instanceof OpenlerError && /revoked/.test(e.message));
  });

  it('checks scopes', async () => {
    await assert.rejects(orgs.createKey('state-college', { name: 'x', scopes: ['root'] }), failsWith('validation_failed'));
    const principal = { orgId: 'o', keyId: 'k', scopes: ['skills:read' as const] };
    assert.throws(() => requireScope(principal, 'skills:write'), failsWith('forbidden'));
    assert.throws(() => requireScope(null, 'skills:write'), failsWith('unauthorized'));
    assert.equal(requireScope(principal, 'skills:read'), principal);
  });
});
