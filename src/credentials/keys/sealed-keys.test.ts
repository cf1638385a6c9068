import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, sign, verify } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { generateEd25519KeyPair, generateRsaKeyPair, serializeKeyPair } from './key-pairs.js';
import { MasterKey } from './master-key.js';
import { openKeyPair, openPrivateKey, resealPrivateKey, sealedUnderOtherMasterKey, sealKeyPair, sealPrivateKey, type SealedPrivateKey } from './sealed-keys.js';

function masterKey(): MasterKey {
  return new MasterKey(randomBytes(32), { kind: 'environment' });
}

function assertUnusable(error: unknown, reason: string, pattern: RegExp): true {
  assert.ok(error instanceof OpenlerError, String(error));
  assert.equal(error.details.reason, reason);
  assert.match(error.message, pattern);
  return true;
}

/** The sealed value with one ciphertext byte flipped. */
function flipByte(sealed: SealedPrivateKey, index: number): SealedPrivateKey {
  const bytes = Buffer.from(sealed.ciphertext, 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return { ...sealed, ciphertext: bytes.toString('base64url') };
}

test('a sealed key pair opens to the same key under the same master key, and hides it', async () => {
  const master = masterKey();
  for (const keyPair of [await generateEd25519KeyPair(), await generateRsaKeyPair()]) {
    const serialized = serializeKeyPair(keyPair);
    const sealed = sealPrivateKey(serialized, master);
    assert.equal(sealed.masterKeyId, master.id);
    assert.equal(Buffer.from(sealed.nonce, 'base64url').length, 12);
    const secret = serialized.algorithm === 'Ed25519' ? serialized.secretKeyMultibase : serialized.privateKeyJwk.d ?? '';
    assert.ok(secret.length > 20 && !JSON.stringify(sealed).includes(secret), 'the stored form does not contain the secret');
    assert.deepEqual(openPrivateKey(JSON.parse(JSON.stringify(sealed)), master), serialized);
    const reopened = await openKeyPair(sealed, master);
    const algorithm = keyPair.algorithm === 'Ed25519' ? null : 'sha256';
    assert.ok(verify(algorithm, Buffer.from('x'), keyPair.publicKey, sign(algorithm, Buffer.from('x'), reopened.privateKey)));
  }
});

test('every seal uses a fresh nonce', async () => {
  const master = masterKey();
  const serialized = serializeKeyPair(await generateEd25519KeyPair());
  const seals = [1, 2, 3].map(() => sealPrivateKey(serialized, master));
  assert.equal(new Set(seals.map((sealed) => sealed.nonce)).size, 3);
  assert.equal(new Set(seals.map((sealed) => sealed.ciphertext)).size, 3);
});

test('any change to a sealed key is detected, never decrypted into garbage', async () => {
  const master = masterKey();
  const sealed = sealKeyPair(await generateEd25519KeyPair(), master);
  const length = Buffer.from(sealed.ciphertext, 'base64url').length;
  for (const index of [0, Math.floor(length / 2), length - 1]) {
    assert.throws(() => openPrivateKey(flipByte(sealed, index), master), (error) => assertUnusable(error, 'tampered', /altered, or it was not sealed with this master key/));
  }
  const nonce = Buffer.from(sealed.nonce, 'base64url');
  nonce[0] = (nonce[0] ?? 0) ^ 0x80;
  assert.throws(() => openPrivateKey({ ...sealed, nonce: nonce.toString('base64url') }, master), (error) => assertUnusable(error, 'tampered', /altered/));
  assert.throws(() => openPrivateKey({ ...sealed, ciphertext: sealed.ciphertext.slice(0, 10) }, master), (error) => assertUnusable(error, 'malformed', /truncated/));
  assert.throws(() => openPrivateKey({ ...sealed, format: 'other' }, master), (error) => assertUnusable(error, 'malformed', /format/));
  assert.throws(() => openPrivateKey(null, master), (error) => assertUnusable(error, 'malformed', /format/));
});

test('another master key is named as such; claiming its id does not help', async () => {
  const original = masterKey();
  const other = masterKey();
  const sealed = sealKeyPair(await generateEd25519KeyPair(), original);
  assert.equal(sealedUnderOtherMasterKey(sealed, other), true);
  assert.throws(() => openPrivateKey(sealed, other), (error) => assertUnusable(error, 'master_key_mismatch', new RegExp(`sealed with master key ${original.id}, but the master key in use is ${other.id}`)));
  // Rewriting the recorded id to the current key's breaks authentication instead.
  assert.throws(() => openPrivateKey({ ...sealed, masterKeyId: other.id }, other), (error) => assertUnusable(error, 'tampered', /altered/));
});

test('rotating the master key reseals keys under the new one', async () => {
  const previous = masterKey();
  const next = masterKey();
  const keyPair = await generateRsaKeyPair();
  const resealed = resealPrivateKey(sealKeyPair(keyPair, previous), previous, next);
  assert.equal(resealed.masterKeyId, next.id);
  assert.deepEqual(openPrivateKey(resealed, next), serializeKeyPair(keyPair));
  assert.throws(() => openPrivateKey(resealed, previous), (error) => assertUnusable(error, 'master_key_mismatch', /master key has changed/));
});
