import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { generateEd25519KeyPair, publicKeyDescription } from '../keys/key-pairs.js';
import { controllerDocument } from '../dids/controller-documents.js';
import { didKeyForEd25519 } from '../dids/did-key.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { signDataIntegrity, verifyDataIntegrity, type VerifyDataIntegrityOptions } from './data-integrity.js';
import { createBatchSigner } from './batch-signer.js';
import { createBatchVerifier } from './batch-verifier.js';
import { sampleBatch } from './batch-samples.js';
import { readFixtureJson, readOb30TestVector } from './testing.js';

const documentLoader = createDocumentLoader();
type JsonObject = Record<string, unknown>;

/** Every credential through both verifiers, answers compared whole. */
async function assertSameVerdicts(options: VerifyDataIntegrityOptions, credentials: readonly unknown[]): Promise<{ fast: number; standard: number }> {
  const verifier = createBatchVerifier(options);
  const batch = await verifier.verifyMany(credentials);
  for (const [index, credential] of credentials.entries()) {
    assert.deepEqual(batch[index], await verifyDataIntegrity(credential, options), `credential ${index}`);
  }
  return verifier.stats;
}

test('batch verification answers what verifyDataIntegrity answers: valid credentials fast, every failure with its own reason', async () => {
  const keyPair = await generateEd25519KeyPair();
  const impostor = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const webIssuer = 'https://openler.example.edu/issuers/iss_1';
  const webMethod = `${webIssuer}#${keyPair.keyId}`;
  const signer = createBatchSigner({ documentLoader });
  const created = '2025-06-01T12:30:45Z';
  const didSigned = await signer.signMany(sampleBatch({ id: did, name: 'Example University' }, 20), { keyPair, verificationMethod: verificationMethodId, created });
  const webSigned = await signer.signMany(sampleBatch({ id: webIssuer, name: 'Example University', url: 'https://example.edu' }, 20), { keyPair, verificationMethod: webMethod, created });
  const resolveKey = createKeyResolver({ trustStore: { [webIssuer]: controllerDocument(webIssuer, [publicKeyDescription(keyPair)]) } });
  const valid = [...didSigned, ...webSigned];
  const sample = valid[0] as JsonObject;
  const proof = sample.proof as JsonObject;
  const broken: unknown[] = [
    { ...sample, name: 'Changed after signing' },
    { ...sample, proof: { ...proof, proofPurpose: 'authentication' } },
    { ...sample, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } },
    { ...sample, proof: { ...proof, type: 'Ed25519Signature2020' } },
    { ...sample, proof: { ...proof, proofValue: 'x123' } },
    { ...sample, proof: { ...proof, proofValue: `${String(proof.proofValue)}1` } },
    { ...sample, proof: { ...proof, expires: '2001-01-01T00:00:00Z' } },
    { ...sample, proof: { ...proof, created: '2025-06-01T14:30:45+02:00' } },
    { ...sample, proof: { ...proof, verificationMethod: 'https://elsewhere.example/p#k' } },
    { ...sample, proof: [proof, proof] },
    { ...sample, proof: undefined },
    { ...sample, issuer: { id: webIssuer, type: ['Profile'], name: 'Example University' } },
    await signDataIntegrity(sampleBatch({ id: webIssuer, name: 'Impostor' }, 1)[0] as JsonObject, { keyPair: impostor, verificationMethod: webMethod, created, documentLoader }),
    'not a credential',
    [sample],
  ];
  const stats = await assertSameVerdicts({ documentLoader, resolveKey }, [...valid, ...broken]);
  assert.equal(stats.fast, valid.length, 'every valid credential took the fast path');
  assert.equal(stats.standard, broken.length);
  // Signed by a did:key that is not the issuer's: refused with issuer binding, verified (fast) without it.
  const [otherIssuer] = await signer.signMany(sampleBatch({ id: 'https://someone-else.example/issuers/x', name: 'Someone else' }, 1), { keyPair, verificationMethod: verificationMethodId, created });
  const bound = await assertSameVerdicts({ documentLoader, resolveKey }, [otherIssuer]);
  assert.deepEqual([bound.fast, bound.standard], [0, 1]);
  const unbound = await assertSameVerdicts({ documentLoader, resolveKey, requireIssuerBinding: false }, [otherIssuer]);
  assert.deepEqual([unbound.fast, unbound.standard], [1, 0]);
});

test('fixture credentials get the same verdicts through the batch verifier', async () => {
  const vector = readOb30TestVector();
  const listing = (issuer: string): [string, object] => [issuer, controllerDocument(issuer, [{ algorithm: 'Ed25519', keyId: vector.publicKeyMultibase, publicKeyMultibase: vector.publicKeyMultibase }])];
  const resolveKey = createKeyResolver({ trustStore: new Map([listing('https://example.com/issuers/876543'), listing('https://1edtech.edu/issuers/565049')]) });
  const credentials = ['simple.json', 'simple-multiple-proofs.json', 'simple-err-proof-value.json', 'simple-did-key-method.json', 'simple-err-expired.json'].map((name) => readFixtureJson('ob30', name));
  const stats = await assertSameVerdicts({ documentLoader, resolveKey }, [...credentials, readFixtureJson('clr20', 'simple.json')]);
  assert.ok(stats.fast >= 1, `fast: ${stats.fast}`);
});
