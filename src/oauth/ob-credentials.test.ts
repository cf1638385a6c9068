import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../common/testing.js';
import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/testing.js';
import { OrganizationService } from '../orgs/service.js';
import { ObCredentialStore } from './ob-credentials.js';

/** A credential with the fields an Open Badges 3.0 achievement credential needs (unsigned: the store checks structure only). */
function badge(id: string, validFrom: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Badge ${id}`,
    issuer: { id: 'https://issuer.example/profile', type: ['Profile'], name: 'Issuer' },
    validFrom,
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'https://issuer.example/achievements/1', type: ['Achievement'], name: 'Welding', description: 'Welds.', criteria: { narrative: 'Weld.' } },
    },
  };
}

/** The same credential as an (unsigned-looking) compact JWS with a vc claim. */
function asJws(credential: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ vc: credential, jti: credential.id })}.c2lnbmF0dXJl`;
}

describe('credentials held for an organization', () => {
  let db: Database;
  let store: ObCredentialStore;
  let orgId: string;
  let otherOrgId: string;
  before(async () => {
    db = await openTestDatabase();
    store = new ObCredentialStore(db);
    const orgs = new OrganizationService(db);
    orgId = (await orgs.create({ slug: 'college', name: 'College', kind: 'institution' })).id;
    otherOrgId = (await orgs.create({ slug: 'other', name: 'Other', kind: 'institution' })).id;
  });
  after(async () => db.close());

  it('upserts by credential id per organization: created, then replaced', async () => {
    const first = await store.upsert(orgId, null, badge('urn:uuid:a', '2026-01-01T00:00:00Z'));
    assert.deepEqual(first, { created: true, credentialId: 'urn:uuid:a' });
    const replaced = await store.upsert(orgId, null, { ...badge('urn:uuid:a', '2026-01-01T00:00:00Z'), name: 'Renamed' });
    assert.equal(replaced.created, false);
    assert.equal((await store.upsert(otherOrgId, null, badge('urn:uuid:a', '2026-01-01T00:00:00Z'))).created, true, 'another organization holds its own copy');
    const page = await store.list(orgId, { limit: 10, offset: 0 });
    assert.equal(page.total, 1);
    assert.equal((page.items[0] as { credential: Record<string, unknown> }).credential.name, 'Renamed');
  });

  it('takes a compact JWS as it came and lists it as one', async () => {
    const jws = asJws(badge('urn:uuid:jws', '2026-02-01T00:00:00Z'));
    assert.equal((await store.upsert(orgId, null, `${jws}\n`)).created, true);
    const page = await store.list(orgId, { limit: 10, offset: 0 });
    assert.deepEqual(page.items[0], { compactJws: jws });
  });

  it('pages newest first by issuance date and filters by since', async () => {
    for (const [id, date] of [['urn:uuid:b', '2026-03-01T00:00:00Z'], ['urn:uuid:c', '2026-04-01T00:00:00Z'], ['urn:uuid:d', '2025-12-01T00:00:00Z']]) {
      await store.upsert(orgId, null, badge(id as string, date as string));
    }
    const ids = (items: Awaited<ReturnType<ObCredentialStore['list']>>['items']) =>
      items.map((item) => ('credential' in item ? item.credential.id : 'jws'));
    const firstPage = await store.list(orgId, { limit: 2, offset: 0 });
    assert.equal(firstPage.total, 5);
    assert.deepEqual(ids(firstPage.items), ['urn:uuid:c', 'urn:uuid:b']);
    assert.deepEqual(ids((await store.list(orgId, { limit: 2, offset: 2 })).items), ['jws', 'urn:uuid:a']);
    assert.deepEqual(ids((await store.list(orgId, { limit: 2, offset: 4 })).items), ['urn:uuid:d']);
    const since = await store.list(orgId, { limit: 10, offset: 0, since: new Date('2026-02-01T00:00:00Z') });
    assert.equal(since.total, 2, 'issued after, not at, the given time');
    assert.deepEqual(ids(since.items), ['urn:uuid:c', 'urn:uuid:b']);
  });

  it('refuses what is not an Open Badges credential, saying where', async () => {
    const noSubjectId = badge('urn:uuid:x', '2026-01-01T00:00:00Z');
    delete (noSubjectId.credentialSubject as Record<string, unknown>).id;
    await assert.rejects(store.upsert(orgId, null, noSubjectId), rejectsWith('validation_failed', /credentialSubject must have id or identifier/, { field: '$.credentialSubject' }));
    const plainVc = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:vc', type: ['VerifiableCredential'], issuer: 'did:example:issuer', credentialSubject: { id: 'did:example:s' } };
    await assert.rejects(store.upsert(orgId, null, plainVc), rejectsWith('validation_failed', /holds OpenBadgeCredentials/, { field: 'type' }));
    await assert.rejects(store.upsert(orgId, null, 'not.a-jws'), rejectsWith('bad_request'));
    await assert.rejects(store.upsert(orgId, null, [1, 2]), rejectsWith('bad_request', /body must be/));
    assert.equal((await store.list(orgId, { limit: 100, offset: 0 })).total, 5, 'nothing refused was stored');
  });
});
