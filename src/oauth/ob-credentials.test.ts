import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rejectsWith } from '../common/testing.js';
import { contextOn, type Context } from '../context.js';
import { didKeyForEd25519 } from '../credentials/dids/did-key.js';
import { generateEd25519KeyPair, type Ed25519KeyPair } from '../credentials/keys/key-pairs.js';
import { MasterKey } from '../credentials/keys/master-key.js';
import { signDataIntegrity } from '../credentials/proofs/data-integrity.js';
import { signVcJwt } from '../credentials/proofs/vc-jwt.js';
import { openTestDatabase } from '../db/testing.js';
import type { ObCredentialStore } from './ob-credentials.js';
import type { CredentialVerifier } from './upsert-verdict.js';

type Json = Record<string, unknown>;

/** An unsigned Open Badges 3.0 achievement credential from `issuer`. */
function badge(issuer: string, id: string, validFrom: string, extra: Json = {}): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Badge ${id}`,
    issuer: { id: issuer, type: ['Profile'], name: 'Another Issuer' },
    validFrom,
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'https://issuer.example/achievements/1', type: ['Achievement'], name: 'Welding', description: 'Welds.', criteria: { narrative: 'Weld.' } },
    },
    ...extra,
  };
}

describe('credentials held for an organization', () => {
  let context: Context;
  let store: ObCredentialStore;
  let verify: CredentialVerifier;
  let orgId: string;
  let otherOrgId: string;
  let foreignKey: Ed25519KeyPair;
  let foreignDid: string;
  let foreignMethod: string;
  let issuedJson: Json;
  let issuedJwt: string;
  let issuedJsonId: string;

  /** A credential signed by a foreign did:key issuer openler knows nothing of (resolved offline). */
  const foreign = (id: string, validFrom: string, extra: Json = {}) =>
    signDataIntegrity(badge(foreignDid, id, validFrom, extra), { keyPair: foreignKey, verificationMethod: foreignMethod, documentLoader: context.credentials.documentLoader });
  const held = async (org: string) => (await context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ob_credentials WHERE org_id = $1', [org]))[0]?.n;
  const listedIds = async (org: string) => (await store.list(org, { limit: 100, offset: 0 })).items.map((item) => ('credential' in item ? item.credential.id : item.compactJws));

  before(async () => {
    context = await contextOn(await openTestDatabase(), { loadDefaultLibrary: false, masterKey: new MasterKey(randomBytes(32), { kind: 'environment' }), publicUrl: 'https://openler.test' });
    store = context.obApi.credentials;
    verify = (input) => context.credentials.verification.verify(input);
    orgId = (await context.orgs.create({ slug: 'college', name: 'College', kind: 'institution' })).id;
    otherOrgId = (await context.orgs.create({ slug: 'other', name: 'Other', kind: 'institution' })).id;
    foreignKey = await generateEd25519KeyPair();
    const did = await didKeyForEd25519(foreignKey.publicKeyMultibase);
    foreignDid = did.did;
    foreignMethod = did.verificationMethodId;
    const { issuers, achievements, issuance } = context.credentials;
    const issuer = await issuers.create(orgId, { name: 'College Registrar' });
    const achievement = await achievements.create(orgId, { issuer: issuer.id, name: 'Databases I', description: 'Queries databases.', criteria: { narrative: 'Pass.' } });
    const json = await issuance.issue(orgId, { achievement: achievement.id, recipient: { email: 'ana@example.edu' } });
    issuedJson = json.credential as Json;
    issuedJsonId = json.id;
    issuedJwt = (await issuance.issue(orgId, { achievement: achievement.id, recipient: { email: 'ben@example.edu' }, proof: 'jwt-eddsa' })).credential as string;
  });
  after(async () => context.close());

  it("holds another issuer's signed credential: created, replaced by a newer version, never by an older one", async () => {
    const first = await foreign('urn:uuid:a', '2026-01-01T00:00:00Z');
    assert.deepEqual(await store.upsert(orgId, null, first, verify), { created: true, credentialId: 'urn:uuid:a' });
    const renamed = await foreign('urn:uuid:a', '2026-01-02T00:00:00Z', { name: 'Renamed' });
    assert.equal((await store.upsert(orgId, null, renamed, verify)).created, false);
    assert.equal((await store.upsert(otherOrgId, null, first, verify)).created, true, 'another organization holds its own copy');
    await assert.rejects(store.upsert(orgId, null, first, verify), rejectsWith('conflict', /holds a newer version of urn:uuid:a/, { field: 'validFrom' }));
    const page = await store.list(orgId, { limit: 10, offset: 0 });
    const listed = page.items.find((item) => 'credential' in item && item.credential.id === 'urn:uuid:a') as { credential: Json };
    assert.equal(listed.credential.name, 'Renamed');
  });

  it('takes a signed compact JWS as it came, and refuses one whose payload was changed', async () => {
    const jws = await signVcJwt(badge(foreignDid, 'urn:uuid:jws', '2026-02-01T00:00:00Z'), { keyPair: foreignKey, kid: foreignMethod });
    assert.equal((await store.upsert(orgId, null, `${jws}\n`, verify)).created, true);
    const page = await store.list(orgId, { limit: 100, offset: 0 });
    assert.ok(page.items.some((item) => 'compactJws' in item && item.compactJws === jws));
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { vc: Json };
    claims.vc.name = 'Forged';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    await assert.rejects(store.upsert(orgId, null, forged, verify), rejectsWith('validation_failed', /the proof check failed/, { check: 'proof' }));
  });

  it('refuses an unsigned credential, and a credential whose signature no longer holds, storing nothing', async () => {
    const before = await held(orgId);
    await assert.rejects(store.upsert(orgId, null, badge(foreignDid, 'urn:uuid:unsigned', '2026-01-01T00:00:00Z'), verify), rejectsWith('validation_failed', /proof check failed: the credential has no proof/, { check: 'proof' }));
    const tampered = await foreign('urn:uuid:tampered', '2026-01-01T00:00:00Z');
    ((tampered.credentialSubject as Json).achievement as Json).name = 'Brain surgery';
    await assert.rejects(store.upsert(orgId, null, tampered, verify), rejectsWith('validation_failed', /does not verify: the proof check failed/, { check: 'proof' }));
    // Signed by the foreign key but claiming another issuer: the key is not that issuer's.
    const claimed = await didKeyForEd25519((await generateEd25519KeyPair()).publicKeyMultibase);
    const impostor = await signDataIntegrity(badge(claimed.did, 'urn:uuid:impostor', '2026-01-01T00:00:00Z'), {
      keyPair: foreignKey, verificationMethod: foreignMethod, documentLoader: context.credentials.documentLoader,
    });
    await assert.rejects(store.upsert(orgId, null, impostor, verify), rejectsWith('validation_failed', /the issuer check failed/, { check: 'issuer' }));
    assert.equal(await held(orgId), before, 'nothing refused was stored');
  });

  it("refuses another issuer's credential under an id the organization holds already", async () => {
    await store.upsert(orgId, null, await foreign('urn:uuid:shared', '2026-01-01T00:00:00Z'), verify);
    const otherKey = await generateEd25519KeyPair();
    const other = await didKeyForEd25519(otherKey.publicKeyMultibase);
    const theirs = await signDataIntegrity(badge(other.did, 'urn:uuid:shared', '2026-03-01T00:00:00Z'), { keyPair: otherKey, verificationMethod: other.verificationMethodId, documentLoader: context.credentials.documentLoader });
    await assert.rejects(store.upsert(orgId, null, theirs, verify), rejectsWith('conflict', /another credential with id urn:uuid:shared, from the issuer did:key:/, { field: 'issuer' }));
  });

  it('holds an expired credential: it is a true record of the past', async () => {
    const expired = await foreign('urn:uuid:expired', '2020-01-01T00:00:00Z', { validUntil: '2021-01-01T00:00:00Z' });
    assert.equal((await store.upsert(orgId, null, expired, verify)).created, true);
  });

  it('takes back a credential openler issued only as openler issued it, and always lists it so', async () => {
    const before = await held(orgId);
    assert.deepEqual(await store.upsert(orgId, null, structuredClone(issuedJson), verify), { created: false, credentialId: issuedJsonId });
    assert.equal((await store.upsert(orgId, null, issuedJwt, verify)).created, false);
    assert.equal(await held(orgId), before, 'nothing to hold: the issued credential is listed itself');

    const tampered = structuredClone(issuedJson);
    ((tampered.credentialSubject as Json).achievement as Json).name = 'Databases IV';
    await assert.rejects(store.upsert(orgId, null, tampered, verify), rejectsWith('validation_failed', /the proof check failed/, { check: 'proof' }));
    // Validly signed, by someone else, under openler's id.
    const squatter = await foreign(issuedJsonId, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    await assert.rejects(store.upsert(orgId, null, squatter, verify), rejectsWith('conflict', /a credential openler issued/, { field: 'id' }));
    assert.equal(await held(orgId), before);

    // Even a row held from before these checks never stands in for the issued credential.
    await context.db.query('INSERT INTO ob_credentials (org_id, credential_id, document, jwt, issued_at) VALUES ($1, $2, $3, NULL, now())', [orgId, issuedJsonId, JSON.stringify(tampered)]);
    const page = await store.list(orgId, { limit: 100, offset: 0 });
    const listed = page.items.filter((item) => 'credential' in item && item.credential.id === issuedJsonId);
    assert.deepEqual(listed, [{ credential: issuedJson }]);
    assert.equal(new Set(await listedIds(orgId)).size, page.total, 'listed once');
  });

  it("holds one organization's genuine credential for another, revoked or not", async () => {
    await context.credentials.issuance.setStatus(orgId, issuedJsonId, 'revoke', 'issued in error');
    assert.equal((await store.upsert(otherOrgId, null, structuredClone(issuedJson), verify)).created, true);
    assert.ok((await listedIds(otherOrgId)).includes(issuedJsonId));
  });

  it('pages newest first by issuance date and filters by since', async () => {
    const pagedOrg = (await context.orgs.create({ slug: 'paged', name: 'Paged', kind: 'institution' })).id;
    for (const [id, date] of [['urn:uuid:b', '2026-03-01T00:00:00Z'], ['urn:uuid:c', '2026-04-01T00:00:00Z'], ['urn:uuid:d', '2025-12-01T00:00:00Z'], ['urn:uuid:e', '2026-02-01T00:00:00Z']] as const) {
      await store.upsert(pagedOrg, null, await foreign(id, date), verify);
    }
    const firstPage = await store.list(pagedOrg, { limit: 2, offset: 0 });
    assert.equal(firstPage.total, 4);
    const ids = (items: typeof firstPage.items) => items.map((item) => ('credential' in item ? item.credential.id : 'jws'));
    assert.deepEqual(ids(firstPage.items), ['urn:uuid:c', 'urn:uuid:b']);
    assert.deepEqual(ids((await store.list(pagedOrg, { limit: 2, offset: 2 })).items), ['urn:uuid:e', 'urn:uuid:d']);
    const since = await store.list(pagedOrg, { limit: 10, offset: 0, since: new Date('2026-02-01T00:00:00Z') });
    assert.equal(since.total, 2, 'issued after, not at, the given time');
    assert.deepEqual(ids(since.items), ['urn:uuid:c', 'urn:uuid:b']);
  });

  it('refuses what is not an Open Badges credential, saying where, before verifying anything', async () => {
    const before = await held(orgId);
    const noSubjectId = badge(foreignDid, 'urn:uuid:x', '2026-01-01T00:00:00Z');
    delete (noSubjectId.credentialSubject as Json).id;
    await assert.rejects(store.upsert(orgId, null, noSubjectId, verify), rejectsWith('validation_failed', /structure check failed: .*credentialSubject must have id or identifier/, { field: '$.credentialSubject', check: 'structure' }));
    const plainVc = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:vc', type: ['VerifiableCredential'], issuer: 'did:example:issuer', credentialSubject: { id: 'did:example:s' } };
    await assert.rejects(store.upsert(orgId, null, plainVc, verify), rejectsWith('validation_failed', /holds OpenBadgeCredentials/, { field: 'type' }));
    await assert.rejects(store.upsert(orgId, null, 'not.a-jws', verify), rejectsWith('bad_request'));
    await assert.rejects(store.upsert(orgId, null, [1, 2], verify), rejectsWith('bad_request', /body must be/));
    assert.equal(await held(orgId), before, 'nothing refused was stored');
  });
});
