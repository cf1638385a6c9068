import { OpenlerError } from '../../common/errors.js';
import type { PublicKeyDescription } from '../keys/key-pairs.js';

/**
 * The documents through which openler publishes an issuer's public keys:
 * a did:web DID document (served by openler at the did:web URL) and, for an
 * issuer identified by an https profile URL, a controller document at that
 * URL. Both list every key that may have signed a credential still in
 * circulation: keys retired by a rotation stay listed for assertions, so
 * earlier credentials keep verifying; a revoked key stays listed with its
 * revocation time and is no longer an assertion method.
 */

/** A key as a controller document lists it. */
export type ControllerKey = PublicKeyDescription & {
  /** When the key was revoked (ISO 8601); a revoked key no longer vouches for anything. */
  revoked?: string;
};

export interface VerificationMethod {
  id: string;
  type: 'Multikey' | 'JsonWebKey';
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Record<string, string>;
  revoked?: string;
}

export interface ControllerDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
}

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
const JWK_CONTEXT = 'https://w3id.org/security/jwk/v1';
/** W3C Controlled Identifiers v1.0: controller documents that are not DID documents. */
const CONTROLLER_CONTEXT = 'https://www.w3.org/ns/cid/v1';

/** A key's verification method under a controller: `<controller>#<keyId>`. */
export function verificationMethodFor(controller: string, key: ControllerKey): VerificationMethod {
  const id = `${controller}#${encodeURIComponent(key.keyId)}`;
  const method: VerificationMethod = key.algorithm === 'Ed25519'
    ? { id, type: 'Multikey', controller, publicKeyMultibase: key.publicKeyMultibase }
    : { id, type: 'JsonWebKey', controller, publicKeyJwk: { ...key.publicKeyJwk, kid: key.keyId } };
  if (key.revoked !== undefined) method.revoked = key.revoked;
  return method;
}

function buildDocument(context: string[], id: string, keys: readonly ControllerKey[]): ControllerDocument {
  const ids = new Set<string>();
  const verificationMethod = keys.map((key) => {
    const method = verificationMethodFor(id, key);
    if (ids.has(method.id)) throw new OpenlerError('conflict', `Two keys share the key id ${key.keyId}`, { field: 'keys' });
    ids.add(method.id);
    return method;
  });
  return {
    '@context': context,
    id,
    verificationMethod,
    assertionMethod: verificationMethod.filter((method) => method.revoked === undefined).map((method) => method.id),
  };
}

const hostPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/i;

/**
 * The did:web for a host (with an optional port) and an optional path:
 * `example.edu/issuers/acme` -> `did:web:example.edu:issuers:acme`; a port's
 * colon is percent-encoded, as the did:web method requires.
 */
export function didWebFor(domainAndPath: string): string {
  const [host = '', ...segments] = domainAndPath.replace(/^https:\/\//, '').replace(/\/+$/, '').split('/');
  if (!hostPattern.test(host) || segments.some((segment) => segment === '')) {
    throw new OpenlerError('validation_failed', `Not a host and path for did:web: ${JSON.stringify(domainAndPath)} (expected e.g. example.edu or example.edu/issuers/acme)`, { field: 'domain' });
  }
  return ['did:web', host.toLowerCase().replace(':', '%3A'), ...segments.map((segment) => encodeURIComponent(decodeURIComponent(segment)))].join(':');
}

/** Where a did:web's document is served: https://host/path/did.json, or /.well-known/did.json without a path. */
export function didWebDocumentUrl(did: string): string {
  const [method, name, host = '', ...segments] = did.split('#', 1)[0]?.split(':') ?? [];
  if (method !== 'did' || name !== 'web' || host === '' || segments.some((segment) => segment === '')) {
    throw new OpenlerError('unprocessable', `Not a did:web: ${did}`, { field: 'verificationMethod' });
  }
  const path = segments.length === 0 ? '/.well-known/did.json' : `/${segments.map((segment) => decodeURIComponent(segment)).join('/')}/did.json`;
  return `https://${decodeURIComponent(host)}${path}`;
}

/** The DID document of a did:web issuer that openler serves, listing its Ed25519 (Multikey) and RSA (JsonWebKey) keys. */
export function didWebDocument(domainAndPath: string, keys: readonly ControllerKey[]): ControllerDocument {
  const context = [DID_CONTEXT, MULTIKEY_CONTEXT];
  if (keys.some((key) => key.algorithm === 'RS256')) context.push(JWK_CONTEXT);
  return buildDocument(context, didWebFor(domainAndPath), keys);
}

/** Plain http is accepted only for this machine (development and tests); anything that crosses a network is https. */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** The controller document an https issuer profile URL dereferences to: its keys as `<url>#<keyId>`. */
export function controllerDocument(issuerProfileUrl: string, keys: readonly ControllerKey[]): ControllerDocument {
  let url: URL;
  try {
    url = new URL(issuerProfileUrl);
  } catch {
    throw new OpenlerError('validation_failed', `Not a URL: ${JSON.stringify(issuerProfileUrl)}`, { field: 'issuer' });
  }
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) || url.hash !== '') {
    throw new OpenlerError('validation_failed', `An issuer profile URL is an https URL without a fragment: ${issuerProfileUrl}`, { field: 'issuer' });
  }
  return buildDocument([CONTROLLER_CONTEXT], issuerProfileUrl, keys);
}
