import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { base58btc, decodeBase58btc } from './base58.js';

test('base58btc round-trips bytes, leading zeros included', () => {
  for (const bytes of [new Uint8Array(0), Uint8Array.from([0]), Uint8Array.from([0, 0, 1, 2]), randomBytes(34), Buffer.concat([Buffer.alloc(3), randomBytes(20)])]) {
    assert.deepEqual(decodeBase58btc(base58btc(bytes)), Uint8Array.from(bytes));
  }
  assert.equal(base58btc(Uint8Array.from([0, 0, 0x01])), '112');
  assert.throws(() => decodeBase58btc('0OIl'), /Not base58btc/);
});

test('it writes an Ed25519 public key exactly as the Multikey library does', async () => {
  const multikey = await Ed25519Multikey.generate();
  assert.equal(`z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), multikey.publicKey]))}`, multikey.publicKeyMultibase);
});
