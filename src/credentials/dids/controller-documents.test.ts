import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../../common/errors.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription } from '../keys/key-pairs.js';
import { controllerDocument, didWebDocument, didWebDocumentUrl, didWebFor, type ControllerKey } from './controller-documents.js';
import { didKeyForEd25519 } from './did-key.js';

async function issuerKeys(): Promise<{ current: ControllerKey; rotated: ControllerKey; rsa: ControllerKey; revoked: ControllerKey }> {
  return {
    current: publicKeyDescription(await generateEd25519KeyPair()),
    rotated: publicKeyDescription(await generateEd25519KeyPair({ keyId: 'key-2024' })),
    rsa: publicKeyDescription(await generateRsaKeyPair()),
    revoked: { ...publicKeyDescription(await generateEd25519KeyPair({ keyId: 'leaked' })), revoked: '2025-03-01T00:00:00Z' },
  };
}

test('did:key of an Ed25519 key: one Multikey method, for assertions', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { did, verificationMethodId, didDocument } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  assert.equal(did, `did:key:${keyPair.publicKeyMultibase}`);
  assert.equal(verificationMethodId, `${did}#${keyPair.publicKeyMultibase}`);
  assert.equal(didDocument.id, did);
  assert.deepEqual(didDocument.verificationMethod, [{ id: verificationMethodId, type: 'Multikey', controller: did, publicKeyMultibase: keyPair.publicKeyMultibase }]);
  assert.deepEqual(didDocument.assertionMethod, [verificationMethodId]);
  await assert.rejects(didKeyForEd25519('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'), (error: unknown) => error instanceof OpenlerError && /Ed25519 did:key/.test(error.message));
});

test('did:web names: host, port and path as the did:web method writes them, and back to the document URL', () => {
  const cases: Array<[string, string, string]> = [
    ['example.edu', 'did:web:example.edu', 'https://example.edu/.well-known/did.json'],
    ['Example.EDU/issuers/acme', 'did:web:example.edu:issuers:acme', 'https://example.edu/issuers/acme/did.json'],
    ['localhost:8443/issuers/a%20b', 'did:web:localhost%3A8443:issuers:a%20b', 'https://localhost:8443/issuers/a b/did.json'],
    ['https://example.edu/issuers/7/', 'did:web:example.edu:issuers:7', 'https://example.edu/issuers/7/did.json'],
  ];
  for (const [input, did, url] of cases) {
    assert.equal(didWebFor(input), did, input);
    assert.equal(didWebDocumentUrl(did), url, did);
    assert.equal(didWebDocumentUrl(`${did}#key-1`), url, `${did}#key-1`);
  }
  for (const bad of ['', 'exa mple.edu', 'example.edu//x', '-bad.edu']) {
    assert.throws(() => didWebFor(bad), (error: unknown) => error instanceof OpenlerError && error.code === 'validation_failed', bad);
  }
  assert.throws(() => didWebDocumentUrl('did:key:z6Mk'), /Not a did:web/);
});

test('a did:web document lists Ed25519 keys as Multikey and RSA keys as JsonWebKey, rotated keys included, revoked ones not for assertions', async () => {
  const { current, rotated, rsa, revoked } = await issuerKeys();
  const document = didWebDocument('example.edu/issuers/acme', [current, rotated, rsa, revoked]);
  const did = 'did:web:example.edu:issuers:acme';
  assert.equal(document.id, did);
  assert.deepEqual(document['@context'], ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/jwk/v1']);
  const [currentMethod, rotatedMethod, rsaMethod, revokedMethod] = document.verificationMethod;
  assert.deepEqual(currentMethod, { id: `${did}#${current.keyId}`, type: 'Multikey', controller: did, publicKeyMultibase: current.algorithm === 'Ed25519' ? current.publicKeyMultibase : '' });
  assert.equal(rotatedMethod?.id, `${did}#key-2024`);
  assert.equal(rsaMethod?.type, 'JsonWebKey');
  assert.equal(rsaMethod?.publicKeyJwk?.kty, 'RSA');
  assert.equal(rsaMethod?.publicKeyJwk?.kid, rsa.keyId);
  assert.equal(rsaMethod?.publicKeyJwk?.alg, 'RS256');
  assert.ok(!JSON.stringify(document).includes('"d"'), 'no private key material');
  assert.equal(revokedMethod?.revoked, '2025-03-01T00:00:00Z');
  assert.deepEqual(document.assertionMethod, [currentMethod?.id, rotatedMethod?.id, rsaMethod?.id]);
  assert.deepEqual(didWebDocument('example.edu', [current])['@context'], ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
});

test('an https issuer profile URL dereferences to a controller document with <url>#<keyId> methods', async () => {
  const { current, rsa } = await issuerKeys();
  const url = 'https://example.edu/issuers/565049';
  const document = controllerDocument(url, [current, rsa]);
  assert.equal(document.id, url);
  assert.deepEqual(document['@context'], ['https://www.w3.org/ns/cid/v1']);
  assert.deepEqual(document.verificationMethod.map((method) => [method.id, method.type, method.controller]), [
    [`${url}#${current.keyId}`, 'Multikey', url],
    [`${url}#${rsa.keyId}`, 'JsonWebKey', url],
  ]);
  assert.deepEqual(document.assertionMethod, [`${url}#${current.keyId}`, `${url}#${rsa.keyId}`]);
  for (const bad of ['http://example.edu/issuers/1', 'https://example.edu/issuers/1#me', 'not a url']) {
    assert.throws(() => controllerDocument(bad, [current]), (error: unknown) => error instanceof OpenlerError && error.details.field === 'issuer', bad);
  }
  assert.throws(() => controllerDocument(url, [current, { ...rsa, keyId: current.keyId }]), (error: unknown) => error instanceof OpenlerError && error.code === 'conflict');
});
