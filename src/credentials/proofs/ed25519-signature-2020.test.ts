import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sign as nodeSign } from 'node:crypto';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { base58btc } from '../keys/base58.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type Ed25519KeyPair } from '../keys/key-pairs.js';
import { controllerDocument } from '../dids/controller-documents.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { signDataIntegrity, verifyDataIntegrity } from './data-integrity.js';
import { ED25519_2020_CONTEXT_URL } from './ed25519-signature-2020.js';
import { readFixtureJson } from './testing.js';

// Fixtures: 1EdTech digital-credentials-public-validator test resources (Apache-2.0).

type JsonObject = Record<string, unknown>;

const documentLoader = createDocumentLoader();
const complexSigner = 'did:key:z6Mks4vZNz8Jwyb85odUeZrissHSY7JeJcXkNTDCcXLhYAZ4';

function membersOf(clr: JsonObject): JsonObject[] {
  return (clr.credentialSubject as { verifiableCredential: JsonObject[] }).verifiableCredential;
}

test('the offline loader serves the Ed25519Signature2020 context, and the CLR 2.0 context at its unversioned URL', async () => {
  const suiteContext = await documentLoader(ED25519_2020_CONTEXT_URL);
  assert.equal(suiteContext.tag, 'static');
  assert.ok('Ed25519Signature2020' in ((suiteContext.document as { '@context': JsonObject })['@context']));
  const versioned = await documentLoader('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
  assert.equal((await documentLoader('https://purl.imsglobal.org/spec/clr/v2p0/context.json')).document, versioned.document);
});

test('clr20/complex.json: the record, its six achievement credentials and an endorsement verify, each signed by its did:key', async () => {
  const clr = readFixtureJson('clr20', 'complex.json');
  const resolveKey = createKeyResolver();
  const endorsement = (membersOf(clr)[0]?.credentialSubject as { achievement: { endorsement: JsonObject[] } }).achievement.endorsement[0];
  assert.ok(endorsement);
  const credentials = [clr, ...membersOf(clr), endorsement];
  assert.equal(credentials.length, 8);
  for (const credential of credentials) {
    // Their issuers are urn:uuid identifiers, which no key can be shown to belong to.
    const verdict = await verifyDataIntegrity(credential, { documentLoader, resolveKey, requireIssuerBinding: false });
    assert.equal(verdict.verified, true, `${String(credential.id)}: ${verdict.reason}`);
    assert.equal(verdict.proofs[0]?.type, 'Ed25519Signature2020');
  }
  const recordVerdict = await verifyDataIntegrity(clr, { documentLoader, resolveKey, requireIssuerBinding: false });
  assert.deepEqual(recordVerdict, { verified: true, verificationMethod: complexSigner, proofs: [{ verified: true, type: 'Ed25519Signature2020', verificationMethod: complexSigner }] });
  const endorser = String((endorsement.proof as JsonObject).verificationMethod);
  assert.notEqual(endorser, complexSigner, 'the endorsement has a signer of its own');

  const bound = await verifyDataIntegrity(clr, { documentLoader, resolveKey });
  assert.equal(bound.reason, `The key ${complexSigner} belongs to ${complexSigner}, not to the credential's issuer urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795`);
});

test('clr20/complex.json altered: the signature no longer matches, with the same reason as for Data Integrity', async () => {
  const clr = readFixtureJson('clr20', 'complex.json');
  const member = membersOf(clr)[1];
  assert.ok(member);
  member.name = 'Health Careers 2';
  const resolveKey = createKeyResolver();
  for (const credential of [clr, member]) {
    const verdict = await verifyDataIntegrity(credential, { documentLoader, resolveKey, requireIssuerBinding: false });
    assert.equal(verdict.verified, false);
    assert.equal(verdict.reason, `The signature does not match the credential: it was changed after signing, or not signed by ${complexSigner}`);
  }
  // Another key than the one the proof names is caught too.
  const otherKey = String(((membersOf(clr)[0]?.credentialSubject as { achievement: { endorsement: Array<{ proof: JsonObject }> } }).achievement.endorsement[0]?.proof.verificationMethod));
  const relabelled = { ...membersOf(clr)[0], proof: { ...(membersOf(clr)[0]?.proof as JsonObject), verificationMethod: otherKey } };
  assert.match((await verifyDataIntegrity(relabelled, { documentLoader, resolveKey, requireIssuerBinding: false })).reason ?? '', /^The signature does not match the credential/);
});

test("clr20/simple-noproof.json's achievement credential: its issuer's key, but a type its Open Badges context does not define", async () => {
  const member = membersOf(readFixtureJson('clr20', 'simple-noproof.json'))[0];
  assert.ok(member);
  // The issuer's document lists the key the proof names (ISSUER#MULTIBASE), as a trust store would.
  const method = String((member.proof as JsonObject[])[0]?.verificationMethod);
  const [issuer = '', publicKeyMultibase = ''] = method.split('#');
  const resolveKey = createKeyResolver({ trustStore: { [issuer]: controllerDocument(issuer, [{ algorithm: 'Ed25519', keyId: publicKeyMultibase, publicKeyMultibase }]) } });
  const verdict = await verifyDataIntegrity(member, { documentLoader, resolveKey });
  assert.equal(verdict.verified, false);
  assert.equal(verdict.verificationMethod, method);
  assert.equal(verdict.reason, 'The credential cannot be processed as JSON-LD: the type "JsonSchemaValidator2020" is not defined by the document\'s @context');
});

/** An Open Badges 3.0 credential on VC 1.1, as the 2020 suite's users wrote them. */
function badge(issuer: string, extraContexts: string[] = []): JsonObject {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json', ED25519_2020_CONTEXT_URL, ...extraContexts],
    id: 'urn:uuid:7c1e2d04-95a3-4b6f-8e21-3d5f0a9b6c47',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: 'Profile', name: 'Example College' },
    issuanceDate: '2024-06-01T12:00:00Z',
    name: 'First aid',
    credentialSubject: {
      id: 'did:example:learner-7',
      type: 'AchievementSubject',
      achievement: { id: 'urn:uuid:0b9a6f35-2c14-4d8e-b7a3-51e6c2d8f903', type: 'Achievement', name: 'First aid', description: 'Gives first aid.', criteria: { narrative: 'Passed the assessment.' } },
    },
  };
}

/** An Ed25519Signature2020 proof made in the test: the suite's verify data, signed by node:crypto. */
async function signEd25519Signature2020(credential: JsonObject, keyPair: Ed25519KeyPair, verificationMethod: string, proofOverrides: JsonObject = {}): Promise<JsonObject> {
  const proof: JsonObject = { type: 'Ed25519Signature2020', created: '2024-06-01T12:00:00Z', verificationMethod, proofPurpose: 'assertionMethod', ...proofOverrides };
  const verifyData = await new Ed25519Signature2020().createVerifyData({ document: credential, proof, documentLoader });
  const existing = credential.proof === undefined ? [] : [credential.proof];
  const signed = { ...proof, proofValue: `z${base58btc(nodeSign(null, verifyData, keyPair.privateKey))}` };
  return { ...credential, proof: existing.length === 0 ? signed : [...existing, signed] };
}

/** An issuer document listing one Ed25519VerificationKey2020 key under the given relationships. */
function ed25519VerificationKey2020Document(issuer: string, keyPair: Ed25519KeyPair, relationships: string[], extra: JsonObject = {}): JsonObject {
  const id = `${issuer}#key-2020`;
  const document: JsonObject = {
    '@context': ['https://www.w3.org/ns/did/v1', ED25519_2020_CONTEXT_URL],
    id: issuer,
    verificationMethod: [{ id, type: 'Ed25519VerificationKey2020', controller: issuer, publicKeyMultibase: keyPair.publicKeyMultibase, ...extra }],
  };
  for (const relationship of relationships) document[relationship] = [id];
  return document;
}

test('an https issuer key (Ed25519VerificationKey2020 or Multikey) verifies, bound to the issuer as for Data Integrity', async () => {
  const issuer = 'https://college.example/issuers/1';
  const keyPair = await generateEd25519KeyPair();
  const signed = await signEd25519Signature2020(badge(issuer), keyPair, `${issuer}#key-2020`);
  const verifyWith = (document: object, credential = signed) => verifyDataIntegrity(credential, { documentLoader, resolveKey: createKeyResolver({ trustStore: { [issuer]: document } }) });

  const verdict = await verifyWith(ed25519VerificationKey2020Document(issuer, keyPair, ['assertionMethod']));
  assert.equal(verdict.verified, true, verdict.reason);
  assert.equal(verdict.verificationMethod, `${issuer}#key-2020`);

  const asMultikey = await signEd25519Signature2020(badge(issuer), keyPair, `${issuer}#${keyPair.keyId}`);
  assert.equal((await verifyWith(controllerDocument(issuer, [publicKeyDescription(keyPair)]), asMultikey)).verified, true);

  assert.equal(
    (await verifyWith(ed25519VerificationKey2020Document(issuer, keyPair, ['authentication']))).reason,
    `The key ${issuer}#key-2020 is not listed by ${issuer} for issuing (assertionMethod)`,
  );
  assert.equal(
    (await verifyWith(ed25519VerificationKey2020Document(issuer, keyPair, ['assertionMethod'], { revoked: '2024-07-01T00:00:00Z' }))).reason,
    `The key ${issuer}#key-2020 was revoked by its controller (2024-07-01T00:00:00Z)`,
  );

  // A key of another issuer signs validly, but is not this issuer's.
  const other = 'https://other.example/issuers/9';
  const foreign = await signEd25519Signature2020(badge(issuer), keyPair, `${other}#key-2020`);
  const foreignVerdict = await verifyDataIntegrity(foreign, { documentLoader, resolveKey: createKeyResolver({ trustStore: { [other]: ed25519VerificationKey2020Document(other, keyPair, ['assertionMethod']) } }) });
  assert.equal(foreignVerdict.reason, `The key ${other}#key-2020 belongs to ${other}, not to the credential's issuer ${issuer}`);
});

test('each kind of unusable Ed25519Signature2020 proof fails with its own reason', async () => {
  const issuer = 'https://college.example/issuers/1';
  const keyPair = await generateEd25519KeyPair();
  const resolveKey = createKeyResolver({ trustStore: { [issuer]: ed25519VerificationKey2020Document(issuer, keyPair, ['assertionMethod']) } });
  const signed = await signEd25519Signature2020(badge(issuer), keyPair, `${issuer}#key-2020`);
  const proof = signed.proof as JsonObject;
  const reasonFor = async (candidate: JsonObject): Promise<string | undefined> => (await verifyDataIntegrity(candidate, { documentLoader, resolveKey })).reason;

  const withoutSuiteContext = { ...signed, '@context': (signed['@context'] as string[]).filter((url) => url !== ED25519_2020_CONTEXT_URL) };
  assert.equal(await reasonFor(withoutSuiteContext), `An Ed25519Signature2020 proof needs the credential's @context to include ${ED25519_2020_CONTEXT_URL}, and it does not`);
  assert.equal(await reasonFor({ ...signed, proof: { ...proof, proofPurpose: 'authentication' } }), 'The proof\'s purpose is "authentication"; a credential is signed for assertionMethod');
  assert.equal(await reasonFor({ ...signed, proof: { ...proof, proofValue: undefined } }), 'The proof has no proofValue');
  assert.match(await reasonFor({ ...signed, proof: { ...proof, proofValue: `u${String(proof.proofValue).slice(1)}` } }) ?? '', /^The proofValue is not a multibase signature: .*base58btc/);
  assert.equal(await reasonFor({ ...signed, proof: { ...proof, expires: '2024-06-02T00:00:00Z' } }), 'The proof expired at 2024-06-02T00:00:00Z');
  assert.equal(await reasonFor({ ...signed, name: 'First aid (advanced)' }), `The signature does not match the credential: it was changed after signing, or not signed by ${issuer}#key-2020`);

  const rsa = await generateRsaKeyPair();
  const rsaResolver = createKeyResolver({ trustStore: { [issuer]: controllerDocument(issuer, [publicKeyDescription(rsa)]) } });
  const byRsa = { ...signed, proof: { ...proof, verificationMethod: `${issuer}#${rsa.keyId}` } };
  assert.equal((await verifyDataIntegrity(byRsa, { documentLoader, resolveKey: rsaResolver })).reason, `The key ${issuer}#${rsa.keyId} is an RS256 key; Ed25519Signature2020 needs Ed25519`);
});

test('a credential with an Ed25519Signature2020 and an eddsa-rdfc-2022 proof verifies only when both hold', async () => {
  const issuer = 'https://college.example/issuers/1';
  const older = await generateEd25519KeyPair();
  const newer = await generateEd25519KeyPair();
  const document = controllerDocument(issuer, [publicKeyDescription(older), publicKeyDescription(newer)]);
  const resolveKey = createKeyResolver({ trustStore: { [issuer]: document } });
  const credential = badge(issuer, ['https://w3id.org/security/data-integrity/v2']);
  const first = await signEd25519Signature2020(credential, older, `${issuer}#${older.keyId}`);
  const both = await signDataIntegrity(first, { keyPair: newer, verificationMethod: `${issuer}#${newer.keyId}`, documentLoader });
  const verdict = await verifyDataIntegrity(both, { documentLoader, resolveKey });
  assert.equal(verdict.verified, true, verdict.reason);
  assert.deepEqual(verdict.proofs.map((proof) => proof.type), ['Ed25519Signature2020', 'DataIntegrityProof']);

  const [oldProof, newProof] = both.proof as JsonObject[];
  const brokenOld = { ...both, proof: [{ ...oldProof, created: '2024-06-02T12:00:00Z' }, newProof] };
  assert.match((await verifyDataIntegrity(brokenOld, { documentLoader, resolveKey })).reason ?? '', /^Proof 1 of 2: The signature does not match the credential/);
});
