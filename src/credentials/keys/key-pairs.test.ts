import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sign, verify } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { readOb30TestVector } from '../proofs/testing.js';
import {
  deserializeKeyPair,
  ed25519KeyPairFromSeed,
  generateEd25519KeyPair,
  generateRsaKeyPair,
  publicKeyDescription,
  rsaThumbprint,
  serializeKeyPair,
  type IssuerKeyPair,
} from './key-pairs.js';

const message = Buffer.from('a credential to sign');

function signatureVerifies(signer: IssuerKeyPair, verifier: IssuerKeyPair): boolean {
  const algorithm = signer.algorithm === 'Ed25519' ? null : 'sha256';
  return verify(algorithm, message, verifier.publicKey, sign(algorithm, message, signer.privateKey));
}

async function rejectsAsInvalidKey(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof OpenlerError, String(error));
    assert.equal(error.code, 'unprocessable');
    assert.match(error.message, pattern);
    return true;
  });
}

test('an Ed25519 key pair is a Multikey (z6Mk...) that signs and verifies', async () => {
  const keyPair = await generateEd25519KeyPair();
  assert.match(keyPair.publicKeyMultibase, /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
  assert.equal(keyPair.keyId, keyPair.publicKeyMultibase);
  assert.ok(signatureVerifies(keyPair, keyPair));
  const other = await generateEd25519KeyPair({ keyId: 'key-2' });
  assert.equal(other.keyId, 'key-2');
  assert.notEqual(other.publicKeyMultibase, keyPair.publicKeyMultibase);
  assert.equal(signatureVerifies(keyPair, other), false);
});

test('the OB 3.0 test vector seed gives the vector\'s Multikey, public and secret', async () => {
  const vector = readOb30TestVector();
  const seed = Buffer.from(vector.privateKeyHex, 'hex').subarray(0, 32);
  const keyPair = await ed25519KeyPairFromSeed(seed);
  assert.equal(keyPair.publicKeyMultibase, vector.publicKeyMultibase);
  const jwk = keyPair.publicKey.export({ format: 'jwk' });
  assert.equal(Buffer.from(String(jwk.x), 'base64url').toString('hex'), vector.publicKeyHex);
  const serialized = serializeKeyPair(keyPair);
  assert.equal(serialized.algorithm, 'Ed25519');
  assert.ok(serialized.algorithm === 'Ed25519' && serialized.secretKeyMultibase === vector.secretKeyMultibase);
});

test('Ed25519 and RSA key pairs survive their JSON form', async () => {
  for (const keyPair of [await generateEd25519KeyPair(), await generateRsaKeyPair()]) {
    const restored = await deserializeKeyPair(JSON.parse(JSON.stringify(serializeKeyPair(keyPair))));
    assert.equal(restored.algorithm, keyPair.algorithm);
    assert.equal(restored.keyId, keyPair.keyId);
    assert.deepEqual(publicKeyDescription(restored), publicKeyDescription(keyPair));
    assert.ok(signatureVerifies(restored, keyPair), `${keyPair.algorithm}: the restored key signs for the original public key`);
  }
});

test('an RSA key pair is 2048 bits, named by its JWK thumbprint, RS256', async () => {
  const keyPair = await generateRsaKeyPair();
  assert.equal(keyPair.algorithm, 'RS256');
  assert.equal(keyPair.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.equal(keyPair.publicKeyJwk.alg, 'RS256');
  assert.equal(keyPair.publicKeyJwk.e, 'AQAB');
  assert.equal(keyPair.keyId, await rsaThumbprint(keyPair.publicKeyJwk));
  assert.match(keyPair.keyId, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(signatureVerifies(keyPair, keyPair));
});

test('a stored key pair that is malformed or inconsistent is refused, saying why', async () => {
  const ed = serializeKeyPair(await generateEd25519KeyPair());
  const otherEd = serializeKeyPair(await generateEd25519KeyPair());
  assert.ok(ed.algorithm === 'Ed25519' && otherEd.algorithm === 'Ed25519');
  await rejectsAsInvalidKey(deserializeKeyPair({ ...ed, publicKeyMultibase: otherEd.publicKeyMultibase }), /does not belong to its public key/);
  await rejectsAsInvalidKey(deserializeKeyPair({ ...ed, secretKeyMultibase: 'z123' }), /not a valid Multikey/);
  await rejectsAsInvalidKey(deserializeKeyPair({ ...ed, algorithm: 'ES256' }), /Unknown key algorithm "ES256"/);
  await rejectsAsInvalidKey(deserializeKeyPair({ ...ed, keyId: '' }), /keyId/);
  await rejectsAsInvalidKey(deserializeKeyPair('not a key'), /JSON object/);
  const rsa = serializeKeyPair(await generateRsaKeyPair());
  const otherRsa = serializeKeyPair(await generateRsaKeyPair());
  assert.ok(rsa.algorithm === 'RS256' && otherRsa.algorithm === 'RS256');
  await rejectsAsInvalidKey(deserializeKeyPair({ ...rsa, publicKeyJwk: otherRsa.publicKeyJwk }), /does not belong to its private key/);
  await rejectsAsInvalidKey(deserializeKeyPair({ ...rsa, privateKeyJwk: { kty: 'RSA', n: 'AQAB' } }), /not a valid RSA JWK/);
});
