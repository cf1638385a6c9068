import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../../common/errors.js';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { ed25519KeyPairFromSeed, generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type IssuerKeyPair } from '../keys/key-pairs.js';
import { controllerDocument } from '../dids/controller-documents.js';
import { didKeyForEd25519 } from '../dids/did-key.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { signDataIntegrity, verifyDataIntegrity } from './data-integrity.js';
import { createBatchSigner } from './batch-signer.js';
import { sampleBatch, sampleOpenBadgeCredential, sampleSkills } from './batch-samples.js';
import { readOb30TestVector } from './testing.js';

const documentLoader = createDocumentLoader();
type JsonObject = Record<string, unknown>;

/** What signDataIntegrity does with the same input: the signed credential, or its error. */
async function standardSign(credential: JsonObject, keyPair: IssuerKeyPair, verificationMethod: string, created?: string): Promise<unknown> {
  try {
    return await signDataIntegrity(credential, { keyPair, verificationMethod, created, documentLoader });
  } catch (error) {
    return error;
  }
}

test('the OB 3.0 test vector: the batch signer reproduces its proofValue exactly', async () => {
  const vector = readOb30TestVector();
  const keyPair = await ed25519KeyPairFromSeed(Buffer.from(vector.privateKeyHex, 'hex').subarray(0, 32));
  // A loader of its own, so that no other test's shapes are in its cache.
  const signer = createBatchSigner({ documentLoader: createDocumentLoader() });
  const signed = await signer.sign(vector.credential, { keyPair, verificationMethod: String(vector.proofOptions.verificationMethod), created: String(vector.proofOptions.created) });
  assert.deepEqual(signed.proof, { ...vector.proofOptions, proofValue: vector.proofValue });
  assert.deepEqual(signer.stats, { fast: 1, standard: 0, shapes: 2 });
});

test('batch proofs are byte for byte the ones signDataIntegrity makes, and they verify', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const webIssuer = 'https://openler.example.edu/issuers/iss_1';
  const webMethod = `${webIssuer}#${keyPair.keyId}`;
  const created = '2025-06-01T12:30:45Z';
  const awkward = ['Quote " and \\ backslash', 'Lines\none\r\ntwo\tand tab', 'Unicode é 中文 🎓 שלום', '', 'https://looks.like/iri'];
  const didBatch = sampleBatch({ id: did, name: 'Example University', url: 'https://example.edu' }, 30);
  const webBatch = Array.from({ length: 30 }, (_, serial) => sampleOpenBadgeCredential({
    publicUrl: 'https://openler.example.edu',
    issuer: { id: webIssuer, name: awkward[serial % awkward.length] as string, email: 'badges@example.edu' },
    achievement: { name: `Course ${serial % 3}`, description: awkward[(serial + 1) % awkward.length] as string, skills: sampleSkills.slice(0, serial % 4) },
    recipient: serial % 3 === 0 ? { did: `did:example:${serial}`, email: `l${serial}@example.org` } : { did: `did:example:${serial}` },
    serial,
    narrative: serial % 2 === 0 ? `${awkward[serial % awkward.length] as string} (${serial})` : undefined,
  }));
  const signer = createBatchSigner({ documentLoader });
  const signedDid = await signer.signMany(didBatch, { keyPair, verificationMethod: verificationMethodId, created });
  const signedWeb = await signer.signMany(webBatch, { keyPair, verificationMethod: webMethod, created });
  assert.equal(signer.stats.fast, 60, 'every credential took the fast path');
  assert.equal(signer.stats.standard, 0);
  for (const [index, credential] of didBatch.entries()) {
    assert.equal(JSON.stringify(signedDid[index]), JSON.stringify(await standardSign(credential, keyPair, verificationMethodId, created)), `did:key credential ${index}`);
  }
  for (const [index, credential] of webBatch.entries()) {
    assert.equal(JSON.stringify(signedWeb[index]), JSON.stringify(await standardSign(credential, keyPair, webMethod, created)), `https issuer credential ${index}`);
  }
  const resolveKey = createKeyResolver({ trustStore: { [webIssuer]: controllerDocument(webIssuer, [publicKeyDescription(keyPair)]) } });
  for (const signed of [...signedDid.slice(0, 5), ...signedWeb.slice(0, 5)]) {
    const verdict = await verifyDataIntegrity(signed, { documentLoader, resolveKey });
    assert.equal(verdict.verified, true, verdict.reason);
  }
});

test('signMany keeps the order and stamps one creation time, now by default', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const batch = sampleBatch({ id: did, name: 'Example University' }, 12);
  const before = Date.now();
  const signed = await createBatchSigner({ documentLoader }).signMany(batch, { keyPair, verificationMethod: verificationMethodId });
  assert.deepEqual(signed.map((credential) => credential.id), batch.map((credential) => credential.id));
  const times = new Set(signed.map((credential) => (credential.proof as { created: string }).created));
  assert.equal(times.size, 1);
  const [created] = [...times] as [string];
  assert.match(created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(Date.parse(created) >= before - 1000 && Date.parse(created) <= Date.now());
  assert.equal(JSON.stringify(signed[3]), JSON.stringify(await standardSign(batch[3] as JsonObject, keyPair, verificationMethodId, created)));
});

test('what the fast path does not take is signed by signDataIntegrity itself: same result, same error', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const [credential] = sampleBatch({ id: did, name: 'Example University' }, 1) as [JsonObject];
  const created = '2025-06-01T12:00:00Z';
  const signer = createBatchSigner({ documentLoader });
  const sign = (input: JsonObject, pair: IssuerKeyPair = keyPair, when: string | undefined = created): Promise<unknown> =>
    signer.sign(input, { keyPair: pair, verificationMethod: verificationMethodId, created: when }).catch((error: unknown) => error);
  const same = async (input: JsonObject, pair: IssuerKeyPair = keyPair, when: string | undefined = created): Promise<void> => {
    const expected = await standardSign(input, pair, verificationMethodId, when);
    const actual = await sign(input, pair, when);
    if (expected instanceof Error) {
      assert.ok(actual instanceof OpenlerError && expected instanceof OpenlerError, `both fail with an OpenlerError (${String(actual)})`);
      assert.equal(actual.message, expected.message);
      assert.equal(actual.code, expected.code);
    } else {
      assert.equal(JSON.stringify(actual), JSON.stringify(expected));
    }
  };
  // A second proof joins the proof set.
  await same(await signDataIntegrity(credential, { keyPair, verificationMethod: verificationMethodId, created, documentLoader }) as JsonObject);
  // A VC 1.1 credential gets the Data Integrity context appended.
  await same({ '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: did, issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: { id: 'did:example:holder' } });
  await same({ ...credential, '@context': [...(credential['@context'] as string[]), 'https://example.org/unknown-context.jsonld'] });
  await same({ ...credential, favouriteColour: 'blue' });
  await same(credential, await generateRsaKeyPair());
  await same(credential, keyPair, 'not a date');
  // Milliseconds are dropped, as the Data Integrity library writes created.
  await same(credential, keyPair, '2025-06-01T12:00:00.789+02:00');
  assert.ok(signer.stats.standard >= 5, `left to signDataIntegrity: ${signer.stats.standard}`);
});
