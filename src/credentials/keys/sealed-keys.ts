import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { MasterKey } from './master-key.js';
import { deserializeKeyPair, serializeKeyPair, type IssuerKeyPair, type SerializedKeyPair } from './key-pairs.js';

/**
 * Private keys at rest: AES-256-GCM under a key derived from the master key
 * (HKDF-SHA256, so the master key itself is never used directly for more than
 * one purpose), a fresh random 12-byte nonce per seal, and the master key's id
 * both stored and authenticated. Opening checks the id first, so a rotated or
 * wrong master key is named as such; any change to the sealed value fails
 * authentication and is reported, never decrypted into garbage.
 */

export const SEALED_KEY_FORMAT = 'openler-sealed-key-v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedPrivateKey {
  format: typeof SEALED_KEY_FORMAT;
  /** The id of the master key it was sealed with. */
  masterKeyId: string;
  /** base64url, 12 bytes. */
  nonce: string;
  /** base64url: the encrypted JSON of the key pair, then the 16-byte GCM tag. */
  ciphertext: string;
}

function sealingKey(masterKey: MasterKey): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey.secretBytes(), Buffer.alloc(0), 'openler private key sealing v1', 32));
}

/** Bound to the ciphertext: changing the format or the recorded master key id breaks authentication. */
function associatedData(masterKeyId: string): Buffer {
  return Buffer.from(`${SEALED_KEY_FORMAT}\n${masterKeyId}`, 'utf8');
}

function unusable(message: string, reason: string, cause?: unknown): OpenlerError {
  return new OpenlerError('internal', message, { field: 'privateKey', reason }, cause === undefined ? undefined : { cause });
}

/** Encrypts a key pair's JSON form under the master key. */
export function sealPrivateKey(serialized: SerializedKeyPair, masterKey: MasterKey): SealedPrivateKey {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(masterKey), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(masterKey.id));
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(serialized), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { format: SEALED_KEY_FORMAT, masterKeyId: masterKey.id, nonce: nonce.toString('base64url'), ciphertext: encrypted.toString('base64url') };
}

/** Whether a sealed key was sealed under another master key than this one (it needs the old key to be resealed). */
export function sealedUnderOtherMasterKey(sealed: SealedPrivateKey, masterKey: MasterKey): boolean {
  return sealed.masterKeyId !== masterKey.id;
}

function checkShape(value: unknown): SealedPrivateKey {
  const sealed = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SealedPrivateKey, unknown>>;
  if (sealed.format !== SEALED_KEY_FORMAT) {
    throw unusable(`The stored private key is not in the ${SEALED_KEY_FORMAT} format`, 'malformed');
  }
  for (const field of ['masterKeyId', 'nonce', 'ciphertext'] as const) {
    if (typeof sealed[field] !== 'string' || sealed[field] === '') throw unusable(`The stored private key has no ${field}`, 'malformed');
  }
  return sealed as SealedPrivateKey;
}

/** Decrypts a sealed key pair's JSON form; a changed master key or any tampering is a clear error. */
export function openPrivateKey(value: unknown, masterKey: MasterKey): SerializedKeyPair {
  const sealed = checkShape(value);
  if (sealedUnderOtherMasterKey(sealed, masterKey)) {
    throw unusable(
      `The private key was sealed with master key ${sealed.masterKeyId}, but the master key in use is ${masterKey.id}: ` +
        'the master key has changed. Start with the previous master key, or reseal the keys with it before rotating.',
      'master_key_mismatch',
    );
  }
  const nonce = Buffer.from(sealed.nonce, 'base64url');
  const encrypted = Buffer.from(sealed.ciphertext, 'base64url');
  if (nonce.length !== NONCE_BYTES || encrypted.length <= TAG_BYTES) throw unusable('The stored private key is truncated', 'malformed');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(masterKey), nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(sealed.masterKeyId));
  decipher.setAuthTag(encrypted.subarray(encrypted.length - TAG_BYTES));
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(encrypted.subarray(0, encrypted.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw unusable('The stored private key cannot be opened: it was altered, or it was not sealed with this master key', 'tampered', error);
  }
  const parsed: unknown = JSON.parse(plaintext.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('algorithm' in parsed)) throw unusable('The sealed value is not a key pair', 'malformed');
  return parsed as SerializedKeyPair;
}

/** Seals a key pair (its serialised form). */
export function sealKeyPair(keyPair: IssuerKeyPair, masterKey: MasterKey): SealedPrivateKey {
  return sealPrivateKey(serializeKeyPair(keyPair), masterKey);
}

/** Opens a sealed key pair into a usable one. */
export async function openKeyPair(sealed: unknown, masterKey: MasterKey): Promise<IssuerKeyPair> {
  return deserializeKeyPair(openPrivateKey(sealed, masterKey));
}

/** Master key rotation: the same key pair, sealed under the new master key. */
export function resealPrivateKey(sealed: unknown, previous: MasterKey, next: MasterKey): SealedPrivateKey {
  return sealPrivateKey(openPrivateKey(sealed, previous), next);
}
