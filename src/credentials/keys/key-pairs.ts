import { createPrivateKey, createPublicKey, generateKeyPair as generateNodeKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { calculateJwkThumbprint } from 'jose';
import { OpenlerError } from '../../common/errors.js';
import { base58btc } from './base58.js';

/**
 * An issuer's signing keys. Two kinds: Ed25519 (Data Integrity proofs with
 * eddsa-rdfc-2022, and EdDSA JWTs) and RSA (RS256, for VC-JWT verifiers that
 * require it). In memory a key pair holds ready Node key objects, so signing
 * never re-parses key material; `serializeKeyPair` gives the plain JSON form
 * that is sealed and stored.
 */

export interface Ed25519KeyPair {
  readonly algorithm: 'Ed25519';
  /** The key's name within its issuer (the fragment of its verification method id); by default its publicKeyMultibase. */
  readonly keyId: string;
  /** The Multikey encoding of the public key: base58btc multibase of the multicodec Ed25519 key, z6Mk... */
  readonly publicKeyMultibase: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export interface RsaKeyPair {
  readonly algorithm: 'RS256';
  /** The key's name within its issuer; by default its RFC 7638 JWK thumbprint. */
  readonly keyId: string;
  /** The public key as a JWK (kty, n, e, alg). */
  readonly publicKeyJwk: RsaPublicJwk;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export type IssuerKeyPair = Ed25519KeyPair | RsaKeyPair;
export type KeyAlgorithm = IssuerKeyPair['algorithm'];

export interface RsaPublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  alg: 'RS256';
}

/** The stored form of a key pair: plain JSON, private material included (seal it before it leaves memory). */
export type SerializedKeyPair =
  | { algorithm: 'Ed25519'; keyId: string; publicKeyMultibase: string; secretKeyMultibase: string }
  | { algorithm: 'RS256'; keyId: string; publicKeyJwk: RsaPublicJwk; privateKeyJwk: Record<string, string> };

/** The public half of a key pair, what an issuer's DID or controller document lists. */
export type PublicKeyDescription =
  | { algorithm: 'Ed25519'; keyId: string; publicKeyMultibase: string }
  | { algorithm: 'RS256'; keyId: string; publicKeyJwk: RsaPublicJwk };

const RSA_MODULUS_BITS = 2048;
const generateRsa = promisify(generateNodeKeyPair);

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function invalidKey(message: string, cause?: unknown): OpenlerError {
  return new OpenlerError('unprocessable', message, { field: 'key' }, cause === undefined ? undefined : { cause });
}

/** PKCS#8 DER of an Ed25519 private key, up to the 32-byte seed that follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Node key objects for raw Ed25519 key bytes (32-byte seed, 32-byte public key). */
function ed25519KeyObjects(seed: Uint8Array, publicKeyBytes: Uint8Array): { publicKey: KeyObject; privateKey: KeyObject } {
  const x = base64url(publicKeyBytes);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw invalidKey('The Ed25519 secret key is not a valid key', error);
  }
  const publicKey = createPublicKey(privateKey);
  // A public key that does not belong to the private key would sign what nobody can verify.
  if (publicKey.export({ format: 'jwk' }).x !== x) throw invalidKey('The Ed25519 secret key does not belong to its public key');
  return { publicKey, privateKey };
}

async function ed25519FromMultikey(multikey: Ed25519Multikey.Ed25519MultikeyPair, keyId?: string): Promise<Ed25519KeyPair> {
  const { publicKey: publicKeyBytes, secretKey } = multikey;
  if (secretKey === undefined) throw invalidKey('The Ed25519 key has no secret key');
  // 32 bytes (the seed), or 64 (seed then public key) in the older encoding.
  if (secretKey.length !== 32 && secretKey.length !== 64) throw invalidKey(`The Ed25519 secret key is not a valid Multikey secret key (${secretKey.length} bytes)`);
  const { publicKey, privateKey } = ed25519KeyObjects(secretKey.subarray(0, 32), publicKeyBytes);
  const publicKeyMultibase = multikey.publicKeyMultibase;
  return { algorithm: 'Ed25519', keyId: keyId ?? publicKeyMultibase, publicKeyMultibase, publicKey, privateKey };
}

/** A new random Ed25519 key pair (Multikey, publicKeyMultibase z6Mk...). */
export async function generateEd25519KeyPair(options: { keyId?: string } = {}): Promise<Ed25519KeyPair> {
  return ed25519FromMultikey(await Ed25519Multikey.generate(), options.keyId);
}

/** The Ed25519 key pair of a 32-byte seed (deterministic: for test vectors and key imports). */
export async function ed25519KeyPairFromSeed(seed: Uint8Array, options: { keyId?: string } = {}): Promise<Ed25519KeyPair> {
  if (seed.length !== 32) throw invalidKey(`An Ed25519 seed is 32 bytes, not ${seed.length}`);
  return ed25519FromMultikey(await Ed25519Multikey.generate({ seed }), options.keyId);
}

/** The RFC 7638 thumbprint of an RSA public key: a stable name for it. */
export async function rsaThumbprint(jwk: RsaPublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'sha256');
}

async function rsaFromKeyObjects(privateKey: KeyObject, keyId?: string): Promise<RsaKeyPair> {
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  if (exported.kty !== 'RSA' || typeof exported.n !== 'string' || typeof exported.e !== 'string') throw invalidKey('The key is not an RSA key');
  const modulusBits = Buffer.from(exported.n, 'base64url').length * 8;
  if (modulusBits < RSA_MODULUS_BITS) throw invalidKey(`RS256 keys have at least ${RSA_MODULUS_BITS} bits; this one has ${modulusBits}`);
  const publicKeyJwk: RsaPublicJwk = { kty: 'RSA', n: exported.n, e: exported.e, alg: 'RS256' };
  return { algorithm: 'RS256', keyId: keyId ?? await rsaThumbprint(publicKeyJwk), publicKeyJwk, publicKey, privateKey };
}

/** A new random RSA key pair for RS256 (2048 bits, e = 65537). */
export async function generateRsaKeyPair(options: { keyId?: string } = {}): Promise<RsaKeyPair> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: RSA_MODULUS_BITS, publicExponent: 0x10001 });
  return rsaFromKeyObjects(privateKey, options.keyId);
}

/** The plain JSON form of a key pair, private key included. */
export function serializeKeyPair(keyPair: IssuerKeyPair): SerializedKeyPair {
  if (keyPair.algorithm === 'Ed25519') {
    const jwk = keyPair.privateKey.export({ format: 'jwk' });
    if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw invalidKey('The Ed25519 private key cannot be exported');
    // Multikey secret encoding: multicodec ed25519-priv (0x1300, varint 0x80 0x26) + seed + public key, base58btc.
    const secret = Buffer.concat([Buffer.from([0x80, 0x26]), Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url')]);
    return { algorithm: 'Ed25519', keyId: keyPair.keyId, publicKeyMultibase: keyPair.publicKeyMultibase, secretKeyMultibase: `z${base58btc(secret)}` };
  }
  const privateKeyJwk = keyPair.privateKey.export({ format: 'jwk' }) as Record<string, string>;
  return { algorithm: 'RS256', keyId: keyPair.keyId, publicKeyJwk: { ...keyPair.publicKeyJwk }, privateKeyJwk };
}

/** A key pair from its plain JSON form; anything malformed or inconsistent is refused. */
export async function deserializeKeyPair(value: unknown): Promise<IssuerKeyPair> {
  if (typeof value !== 'object' || value === null) throw invalidKey('A stored key pair is a JSON object');
  const stored = value as Record<string, unknown>;
  const keyId = stored.keyId;
  if (typeof keyId !== 'string' || keyId === '') throw invalidKey('A stored key pair has a keyId');
  if (stored.algorithm === 'Ed25519') {
    const { publicKeyMultibase, secretKeyMultibase } = stored;
    if (typeof publicKeyMultibase !== 'string' || typeof secretKeyMultibase !== 'string') {
      throw invalidKey('A stored Ed25519 key pair has publicKeyMultibase and secretKeyMultibase');
    }
    let multikey: Ed25519Multikey.Ed25519MultikeyPair;
    try {
      multikey = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase, secretKeyMultibase });
    } catch (error) {
      throw invalidKey(`The stored Ed25519 key pair is not a valid Multikey: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    return ed25519FromMultikey(multikey, keyId);
  }
  if (stored.algorithm === 'RS256') {
    const privateKeyJwk = stored.privateKeyJwk;
    if (typeof privateKeyJwk !== 'object' || privateKeyJwk === null) throw invalidKey('A stored RS256 key pair has a privateKeyJwk');
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: privateKeyJwk as Record<string, string>, format: 'jwk' });
    } catch (error) {
      throw invalidKey(`The stored RS256 private key is not a valid RSA JWK: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    const keyPair = await rsaFromKeyObjects(privateKey, keyId);
    const publicKeyJwk = stored.publicKeyJwk as Partial<RsaPublicJwk> | undefined;
    if (publicKeyJwk !== undefined && (publicKeyJwk.n !== keyPair.publicKeyJwk.n || publicKeyJwk.e !== keyPair.publicKeyJwk.e)) {
      throw invalidKey('The stored RS256 public key does not belong to its private key');
    }
    return keyPair;
  }
  throw invalidKey(`Unknown key algorithm ${JSON.stringify(stored.algorithm)}: openler keys are Ed25519 or RS256`);
}

/** The public half of a key pair. */
export function publicKeyDescription(keyPair: IssuerKeyPair): PublicKeyDescription {
  return keyPair.algorithm === 'Ed25519'
    ? { algorithm: 'Ed25519', keyId: keyPair.keyId, publicKeyMultibase: keyPair.publicKeyMultibase }
    : { algorithm: 'RS256', keyId: keyPair.keyId, publicKeyJwk: { ...keyPair.publicKeyJwk } };
}
