import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sign, verify } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { Database } from '../../db/database.js';
import { openTestDatabase } from '../../db/testing.js';
import { OrganizationService } from '../../orgs/service.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { MasterKey } from '../keys/master-key.js';
import { IssuerService } from './service.js';

const failsWith = (code: string) => (error: unknown) => error instanceof OpenlerError && error.code === code;

describe('IssuerService', () => {
  let db: Database;
  let issuers: IssuerService;
  let orgId: string;
  let otherOrgId: string;
  const masterKey = new MasterKey(randomBytes(32), { kind: 'environment' });
  before(async () => {
    db = await openTestDatabase();
    const orgs = new OrganizationService(db);
    orgId = (await orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' })).id;
    otherOrgId = (await orgs.create({ slug: 'acme', name: 'Acme', kind: 'employer' })).id;
    issuers = new IssuerService(db, { publicUrl: 'http://localhost:3000', masterKey: async () => masterKey });
  });
  after(async () => db.close());

  it('creates an https issuer whose profile URL lists the keys it signs with', async () => {
    const issuer = await issuers.create(orgId, { name: 'State College Registrar', url: 'https://college.example', email: 'registrar@college.example' });
    assert.equal(issuer.issuerId, `http://localhost:3000/issuers/${issuer.id}`);
    assert.deepEqual(issuer.keys.map((key) => key.algorithm).sort(), ['Ed25519', 'RS256']);
    const profile = await issuers.profileDocument(issuer.id);
    assert.equal(profile.id, issuer.issuerId);
    assert.equal(profile.name, 'State College Registrar');
    // The served document is what a verifier resolves the key from: sign with the stored key, verify with the resolved one.
    const keys = await issuers.signingKeys(orgId, issuer.id);
    const resolve = createKeyResolver({ trustStore: { [issuer.issuerId]: profile } });
    const resolved = await resolve(keys.ed25519Method);
    const message = Buffer.from('transcript');
    assert.ok(verify(null, message, resolved.publicKey, sign(null, message, keys.ed25519.privateKey)));
    const rsa = await resolve(String(keys.rsa?.method));
    assert.equal(rsa.algorithm, 'RS256');
  });

  it('keeps private keys sealed at rest and opens them only with the master key', async () => {
    const issuer = await issuers.create(orgId, { name: 'Sealed' });
    const rows = await db.query<{ sealed_private_key: unknown }>('SELECT sealed_private_key FROM issuer_keys WHERE issuer_id = $1', [issuer.id]);
    const stored = JSON.stringify(rows);
    const keys = await issuers.signingKeys(orgId, issuer.id);
    const secret = keys.ed25519.privateKey.export({ format: 'jwk' }).d as string;
    assert.ok(!stored.includes(secret));
    const stranger = new IssuerService(db, { publicUrl: 'http://localhost:3000', masterKey: async () => new MasterKey(randomBytes(32), { kind: 'environment' }) });
    await assert.rejects(stranger.signingKeys(orgId, issuer.id), (error: unknown) => error instanceof OpenlerError);
  });

  it('rotates keys and keeps the retired ones listed, so earlier signatures still verify', async () => {
    const issuer = await issuers.create(orgId, { name: 'Rotating', identifier: 'did:web' });
    const before = await issuers.signingKeys(orgId, issuer.id);
    const rotated = await issuers.rotateKeys(orgId, issuer.id);
    const after = await issuers.signingKeys(orgId, issuer.id);
    assert.notEqual(after.ed25519Method, before.ed25519Method);
    assert.equal(rotated.keys.length, 4);
    assert.equal(rotated.keys.filter((key) => key.retiredAt !== null).length, 2);
    const document = await issuers.didDocument(issuer.id);
    assert.equal(document.id, issuer.issuerId);
    assert.ok(issuer.issuerId.startsWith('did:web:localhost%3A3000:issuers:'));
    const resolve = createKeyResolver({ trustStore: { [document.id]: document } });
    assert.equal((await resolve(before.ed25519Method)).id, before.ed25519Method);
    assert.equal((await resolve(after.ed25519Method)).id, after.ed25519Method);
  });

  it('identifies a did:key issuer by its Ed25519 key, and refuses RS256 for it', async () => {
    const issuer = await issuers.create(orgId, { name: 'Keyed', identifier: 'did:key' });
    assert.match(issuer.issuerId, /^did:key:z6Mk/);
    const keys = await issuers.signingKeys(orgId, issuer.id);
    assert.equal(keys.ed25519Method, `${issuer.issuerId}#${keys.ed25519.publicKeyMultibase}`);
    assert.equal((await createKeyResolver()(keys.ed25519Method)).source, 'did:key');
    // It is that one key: it lists no other, and rotating would make it another issuer.
    assert.deepEqual(issuer.keys.map((key) => key.algorithm), ['Ed25519']);
    assert.equal(keys.rsa, undefined);
    await assert.rejects(issuers.rotateKeys(orgId, issuer.id), failsWith('conflict'));
    await assert.rejects(issuers.create(orgId, { name: 'No', identifier: 'did:key', proof: 'jwt-rs256' }), failsWith('validation_failed'));
    for (const input of [{ url: 'javascript:alert(1)' }, { image: 'file:///etc/passwd' }, { email: 'not-an-address' }]) {
      await assert.rejects(issuers.create(orgId, { name: 'Unsafe', ...input }), failsWith('validation_failed'), JSON.stringify(input));
    }
  });

  it('keeps each organization to its own issuers, and knows its own identifiers', async () => {
    const [first] = await issuers.list(orgId);
    assert.ok(first);
    await assert.rejects(issuers.get(otherOrgId, first.id), failsWith('not_found'));
    assert.deepEqual(await issuers.list(otherOrgId), []);
    assert.equal(issuers.localIssuerId(first.issuerId), first.id);
    assert.equal(issuers.localIssuerId('https://elsewhere.example/issuers/x'), undefined);
  });
});
