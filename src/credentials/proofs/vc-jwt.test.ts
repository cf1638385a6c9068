import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactSign, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { OpenlerError } from '../../common/errors.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type IssuerKeyPair, type RsaPublicJwk } from '../keys/key-pairs.js';
import { controllerDocument } from '../dids/controller-documents.js';
import { didKeyForEd25519 } from '../dids/did-key.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { signVcJwt, verifyVcJwt } from './vc-jwt.js';
import { readFixtureJson, readFixtureText } from './testing.js';

// Fixtures: 1EdTech digital-credentials-public-validator test resources (Apache-2.0).

const issuer = 'https://issuer.example/profiles/acme';

function credentialFrom(issuerId: string): Record<string, unknown> {
  const credential: Record<string, unknown> = {
    ...readFixtureJson('ob30', 'simple.json'),
    issuer: { id: issuerId, type: ['Profile'], name: 'Example Corp' },
    validUntil: '2030-01-01T00:00:00Z',
  };
  delete credential.proof;
  return credential;
}

function part(jwt: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The JWT with its payload replaced, signature kept. */
function withPayload(jwt: string, payload: object): string {
  const [header, , signature] = jwt.split('.');
  return [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
}

async function issuerWith(...keyPairs: IssuerKeyPair[]): Promise<ReturnType<typeof createKeyResolver>> {
  return createKeyResolver({ trustStore: { [issuer]: controllerDocument(issuer, keyPairs.map(publicKeyDescription)) } });
}

test('the Open Badges 3.0 JWT form: header alg, kid, typ; iss, jti, sub, nbf, exp and vc; verifies with a did:key', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const credential = { ...credentialFrom(did), proof: { type: 'DataIntegrityProof' } };
  const jwt = await signVcJwt(credential, { keyPair, kid: verificationMethodId });
  assert.deepEqual(part(jwt, 0), { alg: 'EdDSA', kid: verificationMethodId, typ: 'JWT' });
  const unsigned = { ...credential };
  delete (unsigned as { proof?: unknown }).proof;
  assert.deepEqual(part(jwt, 1), {
    iss: did,
    jti: 'http://example.com/credentials/3527',
    sub: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    nbf: Date.parse('2010-01-01T00:00:00Z') / 1000,
    exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
    vc: unsigned,
  });
  const verdict = await verifyVcJwt(jwt, { resolveKey: createKeyResolver() });
  assert.equal(verdict.verified, true, verdict.reason);
  assert.equal(verdict.form, 'ob30');
  assert.equal(verdict.keySource, 'kid');
  assert.equal(verdict.verificationMethod, verificationMethodId);
  assert.deepEqual(verdict.credential, unsigned);
});

test('RS256 with an https issuer\'s JsonWebKey, and the VC 2.0 JOSE form with Ed25519', async () => {
  const rsa = await generateRsaKeyPair();
  const ed = await generateEd25519KeyPair();
  const resolveKey = await issuerWith(rsa, ed);
  const credential = credentialFrom(issuer);
  const rsaJwt = await signVcJwt(credential, { keyPair: rsa, kid: `${issuer}#${rsa.keyId}` });
  assert.equal(part(rsaJwt, 0).alg, 'RS256');
  const rsaVerdict = await verifyVcJwt(rsaJwt, { resolveKey });
  assert.equal(rsaVerdict.verified, true, rsaVerdict.reason);
  const joseJwt = await signVcJwt(credential, { keyPair: ed, kid: `${issuer}#${ed.keyId}`, form: 'vc-jose' });
  assert.deepEqual(part(joseJwt, 0), { alg: 'EdDSA', kid: `${issuer}#${ed.keyId}`, typ: 'vc+jwt', cty: 'vc' });
  assert.deepEqual(part(joseJwt, 1), credential);
  const joseVerdict = await verifyVcJwt(joseJwt, { resolveKey });
  assert.equal(joseVerdict.verified, true, joseVerdict.reason);
  assert.equal(joseVerdict.form, 'vc-jose');
  assert.deepEqual(joseVerdict.credential, credential);
  // A relative kid is read against the issuer.
  const relative = await signVcJwt(credential, { keyPair: ed, kid: `#${ed.keyId}` });
  assert.equal((await verifyVcJwt(relative, { resolveKey })).verificationMethod, `${issuer}#${ed.keyId}`);
});

test('a changed payload, another signer or an unsuitable key each fail with their reason', async () => {
  const listed = await generateEd25519KeyPair();
  const other = await generateEd25519KeyPair();
  const rsa = await generateRsaKeyPair();
  const resolveKey = await issuerWith(listed, rsa);
  const credential = credentialFrom(issuer);
  const kid = `${issuer}#${listed.keyId}`;
  const jwt = await signVcJwt(credential, { keyPair: listed, kid });
  const changed = withPayload(jwt, { ...part(jwt, 1), vc: { ...credential, name: 'Leadership Badge' } });
  const changedVerdict = await verifyVcJwt(changed, { resolveKey });
  assert.equal(changedVerdict.verified, false);
  assert.equal(changedVerdict.reason, `Bad signature: the JWT was changed after signing, or not signed by ${kid}`);
  assert.equal((changedVerdict.credential as { name?: string }).name, 'Leadership Badge', 'the credential is still shown');
  const byOther = await signVcJwt(credential, { keyPair: other, kid });
  assert.match((await verifyVcJwt(byOther, { resolveKey })).reason ?? '', /^Bad signature/);
  const algorithmMismatch = await signVcJwt(credential, { keyPair: other, kid: `${issuer}#${rsa.keyId}` });
  assert.equal((await verifyVcJwt(algorithmMismatch, { resolveKey })).reason, `Wrong key: ${issuer}#${rsa.keyId} is an RS256 key but the JWT is signed with EdDSA`);
  const { verificationMethodId } = await didKeyForEd25519(other.publicKeyMultibase);
  const foreign = await signVcJwt(credential, { keyPair: other, kid: verificationMethodId });
  assert.match((await verifyVcJwt(foreign, { resolveKey })).reason ?? '', /^Wrong key: did:key:z6Mk\w+#z6Mk\w+ belongs to did:key:z6Mk\w+, not to the credential's issuer https:\/\/issuer\.example\/profiles\/acme$/);
  const unlisted = await signVcJwt(credential, { keyPair: other, kid: `${issuer}#${other.keyId}` });
  assert.match((await verifyVcJwt(unlisted, { resolveKey })).reason ?? '', /is not listed by its controller/);
  assert.match((await verifyVcJwt(unlisted, { resolveKey: createKeyResolver() })).reason ?? '', /offline/);
});

test('the JWS openler writes is byte for byte the one jose writes (both algorithms are deterministic)', async () => {
  const credential = credentialFrom(issuer);
  for (const keyPair of [await generateEd25519KeyPair(), await generateRsaKeyPair()]) {
    const kid = `${issuer}#${keyPair.keyId}`;
    for (const form of ['ob30', 'vc-jose'] as const) {
      const ours = await signVcJwt(credential, { keyPair, kid, form });
      const [header = '', payload = ''] = ours.split('.');
      const theirs = await new CompactSign(Buffer.from(payload, 'base64url'))
        .setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg: string })
        .sign(keyPair.privateKey);
      assert.equal(ours, theirs, `${keyPair.algorithm} ${form}`);
    }
  }
});

test('malformed tokens are named as such', async () => {
  const resolveKey = createKeyResolver();
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const jwt = await signVcJwt(credentialFrom(did), { keyPair, kid: verificationMethodId });
  const reasonFor = async (token: unknown): Promise<string | undefined> => (await verifyVcJwt(token, { resolveKey })).reason;
  assert.match(await reasonFor(42) ?? '', /^Malformed JWT: not a string/);
  assert.match(await reasonFor('abc.def') ?? '', /^Malformed JWT: a compact JWS is three base64url parts/);
  assert.match(await reasonFor('e30.@@@.sig') ?? '', /^Malformed JWT: a compact JWS/);
  assert.match(await reasonFor(`${Buffer.from('not json').toString('base64url')}.e30.c2ln`) ?? '', /^Malformed JWT: the header or payload is not base64url-encoded JSON/);
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${jwt.split('.')[1]}.`;
  assert.match(await reasonFor(none) ?? '', /^Malformed JWT: a compact JWS|Unsupported JWT algorithm "none"/);
  const hmac = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${jwt.split('.')[1]}.c2ln`;
  assert.equal(await reasonFor(hmac), 'Unsupported JWT algorithm "HS256": openler verifies EdDSA and RS256');
  assert.match(await reasonFor(withPayload(jwt, { hello: 'world' })) ?? '', /^Malformed JWT: it carries no credential/);
  assert.match(await reasonFor(withPayload(jwt, { ...part(jwt, 1), iss: 'https://someone.else' })) ?? '', /^Malformed JWT: the iss claim "https:\/\/someone\.else" differs from the credential's "did:key:/);
  await assert.rejects(signVcJwt(credentialFrom(did), { keyPair, kid: '' }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'kid');
  const v11 = { ...credentialFrom(did), '@context': ['https://www.w3.org/2018/credentials/v1'] };
  await assert.rejects(signVcJwt(v11, { keyPair, kid: verificationMethodId, form: 'vc-jose' }), /VC 2.0 JOSE form secures VC 2.0 credentials/);
});

test('a JWT that names no key verifies against the keys its issuer lists', async () => {
  const ed = await generateEd25519KeyPair();
  const rsa = await generateRsaKeyPair();
  const credential = credentialFrom(issuer);
  const payload = Buffer.from(JSON.stringify({ iss: issuer, vc: credential }));
  const jwt = await new CompactSign(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(rsa.privateKey);
  const verdict = await verifyVcJwt(jwt, { resolveKey: await issuerWith(ed, rsa) });
  assert.equal(verdict.verified, true, verdict.reason);
  assert.equal(verdict.keySource, 'issuer');
  assert.equal(verdict.verificationMethod, `${issuer}#${rsa.keyId}`);
  const another = await generateRsaKeyPair();
  assert.equal((await verifyVcJwt(jwt, { resolveKey: await issuerWith(ed, another) })).reason, `Bad signature: none of the RS256 keys ${issuer} lists verifies the JWT`);
  assert.equal((await verifyVcJwt(jwt, { resolveKey: await issuerWith(ed) })).reason, `Wrong key: ${issuer} lists no RS256 key for issuing`);
});

test('fixture clr20/simple.jwt: RS256, verified by the jwk in its header, and so is the credential it embeds', async () => {
  const jwt = readFixtureText('clr20', 'simple.jwt');
  const header = decodeProtectedHeader(jwt.trim());
  assert.equal(header.alg, 'RS256');
  assert.equal(header.kid, undefined);
  assert.equal((header.jwk as { kty?: string } | undefined)?.kty, 'RSA');
  const resolveKey = createKeyResolver();
  const verdict = await verifyVcJwt(jwt, { resolveKey });
  assert.equal(verdict.verified, true, verdict.reason);
  assert.equal(verdict.keySource, 'jwk');
  assert.equal(verdict.form, 'ob30');
  assert.deepEqual(verdict.credential?.type, ['VerifiableCredential', 'ClrCredential']);
  const embedded = (verdict.credential?.credentialSubject as { verifiableCredential: unknown[] }).verifiableCredential;
  assert.equal(embedded.length, 1);
  const inner = await verifyVcJwt(embedded[0], { resolveKey });
  assert.equal(inner.verified, true, inner.reason);
  assert.deepEqual(inner.credential?.type, ['VerifiableCredential', 'AchievementCredential']);
  const strict = await verifyVcJwt(jwt, { resolveKey, allowEmbeddedJwk: false });
  assert.equal(strict.reason, 'The JWT carries its own key (jwk) and names no key of its issuer (kid)');
  const tampered = withPayload(jwt.trim(), { ...part(jwt.trim(), 1), sub: 'did:example:someone-else', vc: { ...verdict.credential, credentialSubject: { ...(verdict.credential?.credentialSubject as object), id: 'did:example:someone-else' } } });
  assert.equal((await verifyVcJwt(tampered, { resolveKey })).reason, 'Bad signature: the JWT was changed after signing, or not signed by the key in its header');
});

test('fixture ob30/simple.jwt: RS256 with neither kid nor jwk, so only the issuer\'s published key could verify it', async () => {
  const jwt = readFixtureText('ob30', 'simple.jwt');
  assert.deepEqual(decodeProtectedHeader(jwt.trim()), { alg: 'RS256', typ: 'JWT' });
  const offline = await verifyVcJwt(jwt, { resolveKey: createKeyResolver() });
  assert.equal(offline.verified, false);
  assert.equal(offline.form, 'ob30');
  assert.equal((offline.claims as { iss?: string }).iss, 'https://example.edu/issuers/565049');
  assert.equal(offline.reason, 'The JWT names no key (kid or jwk): Cannot resolve the key of https://example.edu/issuers/565049 offline: https://example.edu/issuers/565049 is not in the local trust store and fetching keys from the network is not allowed');
  // The only RSA key among the fixtures (the CLR JWT's) is not the one that signed it.
  const clrKey = decodeProtectedHeader(readFixtureText('clr20', 'simple.jwt').trim()).jwk as JWK;
  await importJWK(clrKey, 'RS256');
  const { kty, n, e } = clrKey as RsaPublicJwk;
  const listed = createKeyResolver({
    trustStore: { 'https://example.edu/issuers/565049': controllerDocument('https://example.edu/issuers/565049', [{ algorithm: 'RS256', keyId: 'clr-key', publicKeyJwk: { kty, n, e, alg: 'RS256' } }]) },
  });
  assert.equal((await verifyVcJwt(jwt, { resolveKey: listed })).reason, 'Bad signature: none of the RS256 keys https://example.edu/issuers/565049 lists verifies the JWT');
});
