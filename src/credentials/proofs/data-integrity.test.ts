import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { ed25519KeyPairFromSeed, generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type Ed25519KeyPair } from '../keys/key-pairs.js';
import { controllerDocument, type ControllerKey } from '../dids/controller-documents.js';
import { didKeyForEd25519 } from '../dids/did-key.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { canonicalForms, signDataIntegrity, verifyDataIntegrity } from './data-integrity.js';
import { readFixtureJson, readOb30TestVector } from './testing.js';

// Fixtures: the Open Badges 3.0 specification's test vector and 1EdTech
// digital-credentials-public-validator test resources (Apache-2.0).

const documentLoader = createDocumentLoader();
const vector = readOb30TestVector();

async function vectorKeyPair(): Promise<Ed25519KeyPair> {
  return ed25519KeyPairFromSeed(Buffer.from(vector.privateKeyHex, 'hex').subarray(0, 32));
}

/** The issuer's controller document listing Ed25519 keys by their multibase (ISSUER#MULTIBASE, as the fixtures name keys). */
function listing(issuer: string, ...publicKeys: string[]): [string, object] {
  return [issuer, controllerDocument(issuer, publicKeys.map((publicKeyMultibase) => ({ algorithm: 'Ed25519' as const, keyId: publicKeyMultibase, publicKeyMultibase })))];
}

/** A fixture credential without its proof, with some properties replaced. */
function unsignedFixture(name: string[], overrides: Record<string, unknown>): Record<string, unknown> {
  const credential: Record<string, unknown> = { ...readFixtureJson(...name), ...overrides };
  delete credential.proof;
  return credential;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

test('the OB 3.0 test vector: canonical document and proof options byte for byte, and their hashes', async () => {
  const forms = await canonicalForms(vector.credential, vector.proofOptions, documentLoader);
  assert.equal(forms.document, vector.documentCanon);
  assert.equal(forms.proof, vector.proofCanon);
  assert.equal(sha256Hex(forms.document), vector.documentHashHex);
  assert.equal(sha256Hex(forms.proof), vector.proofHashHex);
});

test('the OB 3.0 test vector: signing reproduces the exact proofValue, and it verifies', async () => {
  const keyPair = await vectorKeyPair();
  assert.equal(keyPair.publicKeyMultibase, vector.publicKeyMultibase);
  const signed = await signDataIntegrity(vector.credential, {
    keyPair,
    verificationMethod: String(vector.proofOptions.verificationMethod),
    created: String(vector.proofOptions.created),
    documentLoader,
  });
  assert.deepEqual(signed.proof, { ...vector.proofOptions, proofValue: vector.proofValue });
  assert.equal((signed.proof as { proofValue: string }).proofValue, vector.proofValue);
  assert.equal(vector.credential.proof, undefined, 'the input is left unsigned');
  const issuer = String((vector.credential.issuer as { id: string }).id);
  const resolveKey = createKeyResolver({ trustStore: new Map([listing(issuer, vector.publicKeyMultibase)]) });
  const verdict = await verifyDataIntegrity(signed, { documentLoader, resolveKey });
  assert.deepEqual(verdict, { verified: true, verificationMethod: vector.proofOptions.verificationMethod, proofs: [{ verified: true, type: 'DataIntegrityProof', verificationMethod: vector.proofOptions.verificationMethod }] });
});

/**
 * The fixtures' https issuers do not exist: each proof names ISSUER#MULTIBASE.
 * For the issuers the fixtures README names, the key is the test vector's; the
 * trust store lists exactly that key, never one read from the proof under test.
 */
const fixtureTrustStore = new Map([
  listing('https://example.com/issuers/876543', vector.publicKeyMultibase),
  listing('https://example.edu/issuers/565049', vector.publicKeyMultibase),
  listing('https://1edtech.edu/issuers/565049', vector.publicKeyMultibase),
]);

test('OB 3.0 fixtures simple.json and simple-multiple-proofs.json verify against their issuer\'s controller document', async () => {
  const resolveKey = createKeyResolver({ trustStore: fixtureTrustStore });
  const simple = await verifyDataIntegrity(readFixtureJson('ob30', 'simple.json'), { documentLoader, resolveKey });
  assert.equal(simple.verified, true, simple.reason);
  assert.equal(simple.verificationMethod, `https://example.com/issuers/876543#${vector.publicKeyMultibase}`);
  const multiple = await verifyDataIntegrity(readFixtureJson('ob30', 'simple-multiple-proofs.json'), { documentLoader, resolveKey });
  assert.equal(multiple.verified, true, multiple.reason);
  assert.equal(multiple.proofs.length, 2);
  assert.deepEqual(multiple.proofs[0], { verified: false, skipped: true, type: 'SomeProofType', reason: 'The proof type "SomeProofType" is not one openler checks (it checks DataIntegrityProof and Ed25519Signature2020)' });
  assert.equal(multiple.proofs[1]?.verified, true);
});

test('simple-err-proof-value.json fails: its key is not one the issuer lists', async () => {
  const credential = readFixtureJson('ob30', 'simple-err-proof-value.json');
  const verdict = await verifyDataIntegrity(credential, { documentLoader, resolveKey: createKeyResolver({ trustStore: fixtureTrustStore }) });
  assert.equal(verdict.verified, false);
  const method = (credential.proof as Array<{ verificationMethod: string }>)[0]?.verificationMethod;
  assert.equal(verdict.verificationMethod, method);
  assert.equal(verdict.reason, `The key ${method} is not listed by its controller https://example.com/issuers/876543`);
});

test('more fixtures signed with eddsa-rdfc-2022 verify: CLR 2.0 (openler\'s CLR context), a revoked badge\'s signature, complete and endorsement badges', async () => {
  // complete.json and endorsement-valid.json have issuers the README says nothing about: their
  // listing is built from the key their proof names, so this checks canonicalisation and signature only.
  const keyNamedIn = (...name: string[]): string => {
    const method = String((readFixtureJson(...name).proof as Array<{ verificationMethod: string }>)[0]?.verificationMethod);
    return method.split('#')[1] ?? '';
  };
  const resolveKey = createKeyResolver({
    trustStore: new Map([
      ...fixtureTrustStore,
      listing('https://1edtech.edu/issuers/565049', vector.publicKeyMultibase, keyNamedIn('ob30', 'complete.json')),
      listing('https://state.gov/issuers/565049', keyNamedIn('ob30', 'endorsement-valid.json')),
    ]),
  });
  for (const name of [['clr20', 'simple.json'], ['ob30', 'bit-string-list', 'credential-status-revoked.json'], ['ob30', 'complete.json'], ['ob30', 'endorsement-valid.json']]) {
    const verdict = await verifyDataIntegrity(readFixtureJson(...name), { documentLoader, resolveKey });
    assert.equal(verdict.verified, true, `${name.join('/')}: ${verdict.reason}`);
  }
});

test('simple-did-key-method.json: the did:key signature holds, but its key does not belong to the urn:uuid issuer', async () => {
  const credential = readFixtureJson('ob30', 'simple-did-key-method.json');
  const resolveKey = createKeyResolver();
  const bound = await verifyDataIntegrity(credential, { documentLoader, resolveKey });
  assert.equal(bound.verified, false);
  assert.match(bound.reason ?? '', /belongs to did:key:z6Mk\w+, not to the credential's issuer urn:uuid:/);
  const unbound = await verifyDataIntegrity(credential, { documentLoader, resolveKey, requireIssuerBinding: false });
  assert.equal(unbound.verified, true, unbound.reason);
});

/** A freshly signed OB 3.0 credential from a did:key issuer. */
async function didKeyCredential(keyPair: Ed25519KeyPair): Promise<{ credential: Record<string, unknown>; verificationMethodId: string }> {
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const credential = unsignedFixture(['ob30', 'simple.json'], { issuer: { id: did, type: ['Profile'], name: 'Example Corp' } });
  return { credential, verificationMethodId };
}

test('a did:key issuer signs and verifies offline; any change to the credential is caught', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { credential, verificationMethodId } = await didKeyCredential(keyPair);
  const signed = await signDataIntegrity(credential, { keyPair, verificationMethod: verificationMethodId, documentLoader });
  const created = (signed.proof as { created: string }).created;
  assert.match(created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(Math.abs(Date.parse(created) - Date.now()) < 60_000);
  const resolveKey = createKeyResolver();
  assert.equal((await verifyDataIntegrity(signed, { documentLoader, resolveKey })).verified, true);
  const tampered = { ...signed, name: 'Leadership Badge' };
  const verdict = await verifyDataIntegrity(tampered, { documentLoader, resolveKey });
  assert.equal(verdict.verified, false);
  assert.equal(verdict.reason, `The signature does not match the credential: it was changed after signing, or not signed by ${verificationMethodId}`);
});

test('a key listed by the issuer that did not make the signature is caught', async () => {
  const issuer = 'https://issuer.example/profiles/acme';
  const listed = await generateEd25519KeyPair();
  const impostor = await generateEd25519KeyPair();
  const credential = unsignedFixture(['ob30', 'simple.json'], { issuer });
  const signed = await signDataIntegrity(credential, { keyPair: impostor, verificationMethod: `${issuer}#${listed.keyId}`, documentLoader });
  const resolveKey = createKeyResolver({ trustStore: { [issuer]: controllerDocument(issuer, [publicKeyDescription(listed)]) } });
  const verdict = await verifyDataIntegrity(signed, { documentLoader, resolveKey });
  assert.equal(verdict.verified, false);
  assert.match(verdict.reason ?? '', /signature does not match/);
});

test('several proofs: each by a key of the issuer, and every one must hold', async () => {
  const issuer = 'https://issuer.example/profiles/acme';
  const first = await generateEd25519KeyPair();
  const second = await generateEd25519KeyPair();
  const keys: ControllerKey[] = [publicKeyDescription(first), publicKeyDescription(second)];
  const resolveKey = createKeyResolver({ trustStore: { [issuer]: controllerDocument(issuer, keys) } });
  const credential = unsignedFixture(['ob30', 'simple.json'], { issuer });
  const once = await signDataIntegrity(credential, { keyPair: first, verificationMethod: `${issuer}#${first.keyId}`, documentLoader });
  const twice = await signDataIntegrity(once, { keyPair: second, verificationMethod: `${issuer}#${second.keyId}`, documentLoader, created: '2024-05-01T10:00:00Z' });
  const proofs = twice.proof as Array<Record<string, unknown>>;
  assert.equal(proofs.length, 2);
  assert.equal(proofs[1]?.created, '2024-05-01T10:00:00Z');
  const both = await verifyDataIntegrity(twice, { documentLoader, resolveKey });
  assert.equal(both.verified, true, both.reason);
  assert.deepEqual(both.proofs.map((proof) => proof.verified), [true, true]);
  const broken = { ...twice, proof: [proofs[0], { ...proofs[1], proofValue: proofs[0]?.proofValue }] };
  const verdict = await verifyDataIntegrity(broken, { documentLoader, resolveKey });
  assert.equal(verdict.verified, false);
  assert.match(verdict.reason ?? '', /^Proof 2 of 2: The signature does not match the credential/);
});

test('each kind of unusable proof fails with its own reason', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { credential, verificationMethodId } = await didKeyCredential(keyPair);
  const signed = await signDataIntegrity(credential, { keyPair, verificationMethod: verificationMethodId, documentLoader });
  const proof = signed.proof as Record<string, unknown>;
  const resolveKey = createKeyResolver();
  const reasonFor = async (candidate: unknown): Promise<string | undefined> => (await verifyDataIntegrity(candidate, { documentLoader, resolveKey })).reason;
  assert.equal(await reasonFor({ ...signed, proof: undefined }), 'The credential has no proof');
  assert.equal(await reasonFor('not a credential'), 'The credential is not a JSON object');
  assert.equal(await reasonFor({ ...signed, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } }), 'Unknown cryptosuite "ecdsa-rdfc-2019": openler verifies eddsa-rdfc-2022');
  assert.equal(
    await reasonFor({ ...signed, proof: { ...proof, type: 'SomeProofType' } }),
    'No proof openler can check (proof types "SomeProofType"; it checks DataIntegrityProof with eddsa-rdfc-2022, and Ed25519Signature2020)',
  );
  // Relabelled as the 2020 suite, the proof is checked as one, and its context is missing.
  assert.match(await reasonFor({ ...signed, proof: { ...proof, type: 'Ed25519Signature2020' } }) ?? '', /^An Ed25519Signature2020 proof needs the credential's @context to include https:\/\/w3id\.org\/security\/suites\/ed25519-2020\/v1/);
  assert.match(await reasonFor({ ...signed, proof: { ...proof, proofPurpose: 'authentication' } }) ?? '', /purpose is "authentication"; a credential is signed for assertionMethod/);
  assert.equal(await reasonFor({ ...signed, proof: { ...proof, proofValue: undefined } }), 'The proof has no proofValue');
  assert.match(await reasonFor({ ...signed, proof: { ...proof, proofValue: 'x123' } }) ?? '', /multibase/);
  assert.match(await reasonFor({ ...signed, proof: { ...proof, expires: '2001-01-01T00:00:00Z' } }) ?? '', /The proof expired at 2001-01-01T00:00:00Z/);
  assert.match(await reasonFor({ ...signed, proof: { ...proof, verificationMethod: 'https://issuer.example/p#k' } }) ?? '', /Cannot resolve the key https:\/\/issuer\.example\/p#k offline/);
  const unknownContext = 'https://example.org/unknown-context.jsonld';
  assert.equal(await reasonFor({ ...signed, '@context': [...(signed['@context'] as string[]), unknownContext] }), `Unknown JSON-LD context or document: ${unknownContext}`);
  assert.match(await reasonFor({ ...signed, favouriteColour: 'blue' }) ?? '', /the property "favouriteColour" is not defined by the document's @context/);
});

test('signing refuses what eddsa-rdfc-2022 cannot sign, saying why', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { credential, verificationMethodId } = await didKeyCredential(keyPair);
  const options = { keyPair, verificationMethod: verificationMethodId, documentLoader };
  const refuses = async (promise: Promise<unknown>, pattern: RegExp): Promise<void> => {
    await assert.rejects(promise, (error: unknown) => error instanceof OpenlerError && pattern.test(error.message));
  };
  await refuses(signDataIntegrity(credential, { ...options, keyPair: await generateRsaKeyPair() }), /signs with an Ed25519 key; this key is RS256/);
  await refuses(signDataIntegrity(credential, { ...options, created: 'yesterday' }), /Invalid proof creation time "yesterday"/);
  await refuses(signDataIntegrity({ ...credential, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ctx'] }, options), /Unknown JSON-LD context or document: https:\/\/example\.org\/ctx/);
  await refuses(signDataIntegrity({ ...credential, nickname: 'x' }, options), /the property "nickname" is not defined/);
});

test('a VC 1.1 credential gets the Data Integrity context and verifies', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const credential = {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'],
    id: 'urn:uuid:2f1d4c9e-5b8a-4e33-9a0e-6c2b7d1f0a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: 'Profile', name: 'Example Corp' },
    issuanceDate: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', type: 'AchievementSubject', achievement: { id: 'urn:uuid:3a0c9b52-86d4-4b7e-a1f1-0f7a4c9d2e01', type: 'Achievement', name: 'Teamwork', description: 'Works in teams.', criteria: { narrative: 'Peers nominate.' } } },
  };
  const signed = await signDataIntegrity(credential, { keyPair, verificationMethod: verificationMethodId, documentLoader });
  assert.deepEqual(signed['@context'], [...credential['@context'], 'https://w3id.org/security/data-integrity/v2']);
  assert.equal(credential['@context'].length, 2, 'the input keeps its context');
  const verdict = await verifyDataIntegrity(signed, { documentLoader, resolveKey: createKeyResolver() });
  assert.equal(verdict.verified, true, verdict.reason);
});
