import type { KeyObject } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { KeyResolver, ResolvedKey } from '../dids/key-resolver.js';
import { failed, passed, skipped, type CheckResult } from './report.js';
import { messageOf } from './sources.js';

/**
 * The issuer check: the key that signed belongs to the credential's issuer.
 * A did:key or did:web key belongs to its DID, an https key to the controller
 * document at its URL; the issuer's id must be that DID or URL. An issuer
 * named only by an identifier nobody can dereference (urn:uuid:...) cannot be
 * tied to any key: the check is skipped with that reason.
 */

export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer !== null && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string') return (issuer as { id: string }).id;
  return undefined;
}

/** Whether an issuer id can name keys at all: a DID or an http(s) URL. */
export function isResolvableIssuer(issuerId: string): boolean {
  return issuerId.startsWith('did:') || /^https?:\/\//.test(issuerId);
}

function whereFrom(key: ResolvedKey): string {
  if (key.source === 'did:key') return 'a did:key, its own public key';
  if (key.source === 'trust-store') return `listed in ${key.controller}'s document from the local trust store`;
  return `listed in ${key.controller}'s document, fetched`;
}

/** Whether the key named by a verification method is the issuer's. */
export async function checkKeyBelongsToIssuer(verificationMethod: string, issuerId: string | undefined, resolveKey: KeyResolver, path?: string): Promise<CheckResult> {
  if (issuerId === undefined) return failed('issuer', 'the credential names no issuer to match the signing key against', '$.issuer');
  let key: ResolvedKey;
  try {
    key = await resolveKey(verificationMethod);
  } catch (error) {
    if (error instanceof OpenlerError) return failed('issuer', error.message, path);
    return failed('issuer', `the key ${verificationMethod} could not be resolved: ${messageOf(error)}`, path);
  }
  if (key.controller === issuerId) return passed('issuer', `signed by ${key.id}, a key of the issuer ${issuerId} (${whereFrom(key)})`, path);
  if (!isResolvableIssuer(issuerId)) {
    return skipped('issuer', `the issuer ${issuerId} is neither a DID nor a URL, so whether ${key.id} (controlled by ${key.controller}) is its key cannot be established`, path);
  }
  return failed('issuer', `the key ${key.id} belongs to ${key.controller}, not to the credential's issuer ${issuerId}`, path);
}

function sameKey(a: KeyObject, jwk: Record<string, unknown>): boolean {
  const exported = a.export({ format: 'jwk' }) as Record<string, unknown>;
  if (exported.kty !== jwk.kty) return false;
  return exported.kty === 'RSA' ? exported.n === jwk.n && exported.e === jwk.e : exported.x === jwk.x && exported.crv === jwk.crv;
}

/** Whether a public key a JWT carries in its header is one its issuer lists. */
export async function checkEmbeddedKeyIsIssuers(jwk: Record<string, unknown>, issuerId: string | undefined, resolveKey: KeyResolver): Promise<CheckResult> {
  if (issuerId === undefined) return failed('issuer', 'the credential names no issuer to match the JWT key against');
  if (!isResolvableIssuer(issuerId)) {
    return skipped('issuer', `the JWT carries its own key, and the issuer ${issuerId} is neither a DID nor a URL, so whether that key is the issuer's cannot be established`);
  }
  let keys: ResolvedKey[];
  try {
    keys = await resolveKey.keysOf(issuerId);
  } catch (error) {
    return failed('issuer', `the JWT carries its own key, which cannot be matched to the issuer's: ${messageOf(error)}`);
  }
  const match = keys.find((key) => sameKey(key.publicKey, jwk));
  if (match === undefined) return failed('issuer', `the key in the JWT header is not among the keys the issuer ${issuerId} lists`);
  return passed('issuer', `the key in the JWT header is ${match.id}, a key of the issuer ${issuerId} (${whereFrom(match)})`);
}
