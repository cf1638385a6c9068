import { createPublicKey, type KeyObject } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { decodeBase58btc } from '../keys/base58.js';

/**
 * The public key a verification method carries, in the forms openler reads:
 * Multikey (and Ed25519VerificationKey2020) `publicKeyMultibase` for Ed25519,
 * `publicKeyJwk` for Ed25519 (OKP) or RSA, and the older `publicKeyBase58`.
 */

export type PublicKeyAlgorithm = 'Ed25519' | 'RS256';

export interface PublicKeyMaterial {
  algorithm: PublicKeyAlgorithm;
  publicKey: KeyObject;
}

/** SubjectPublicKeyInfo DER of an Ed25519 key, up to the 32 key bytes (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Multicodec ed25519-pub as a varint. */
const ED25519_MULTICODEC = [0xed, 0x01];
const MIN_RSA_BITS = 2048;

function unsupported(id: string, why: string): OpenlerError {
  return new OpenlerError('unprocessable', `The verification method ${id} ${why}`, { field: 'verificationMethod', reason: 'unsupported_key' });
}

function ed25519FromBytes(id: string, bytes: Uint8Array): PublicKeyMaterial {
  if (bytes.length !== 32) throw unsupported(id, `holds ${bytes.length} bytes where an Ed25519 public key has 32`);
  return { algorithm: 'Ed25519', publicKey: createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' }) };
}

function fromMultibase(id: string, multibase: string): PublicKeyMaterial {
  if (!multibase.startsWith('z')) throw unsupported(id, 'is not base58btc multibase (z...)');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase58btc(multibase.slice(1));
  } catch {
    throw unsupported(id, 'has a publicKeyMultibase that is not base58btc');
  }
  if (bytes[0] !== ED25519_MULTICODEC[0] || bytes[1] !== ED25519_MULTICODEC[1]) throw unsupported(id, 'is not an Ed25519 Multikey (z6Mk...)');
  return ed25519FromBytes(id, bytes.subarray(2));
}

function fromJwk(id: string, jwk: Record<string, unknown>): PublicKeyMaterial {
  if ('d' in jwk) throw unsupported(id, 'publishes a private key');
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: jwk as Record<string, string>, format: 'jwk' });
  } catch {
    throw unsupported(id, 'has a publicKeyJwk that is not a valid key');
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return { algorithm: 'Ed25519', publicKey };
  if (jwk.kty === 'RSA') {
    const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw unsupported(id, `is an RSA key of ${bits} bits; RS256 needs at least ${MIN_RSA_BITS}`);
    return { algorithm: 'RS256', publicKey };
  }
  throw unsupported(id, `has a ${String(jwk.kty)}${jwk.crv === undefined ? '' : ` ${String(jwk.crv)}`} key; openler verifies Ed25519 and RSA keys`);
}

/** The public key of a verification method, or a clear error saying why openler cannot use it. */
export function publicKeyOf(method: Record<string, unknown>): PublicKeyMaterial {
  const id = typeof method.id === 'string' ? method.id : '(without id)';
  if (typeof method.publicKeyMultibase === 'string') return fromMultibase(id, method.publicKeyMultibase);
  if (typeof method.publicKeyJwk === 'object' && method.publicKeyJwk !== null) return fromJwk(id, method.publicKeyJwk as Record<string, unknown>);
  if (typeof method.publicKeyBase58 === 'string') {
    try {
      return ed25519FromBytes(id, decodeBase58btc(method.publicKeyBase58));
    } catch (error) {
      if (error instanceof OpenlerError) throw error;
      throw unsupported(id, 'has a publicKeyBase58 that is not base58');
    }
  }
  throw unsupported(id, 'has no public key openler reads (publicKeyMultibase, publicKeyJwk)');
}
