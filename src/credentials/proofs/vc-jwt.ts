import { sign as nodeSign, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK, type CryptoKey, type JWK } from 'jose';
import { OpenlerError } from '../../common/errors.js';
import type { IssuerKeyPair } from '../keys/key-pairs.js';
import type { KeyResolver, ResolvedKey } from '../dids/key-resolver.js';
import type { PublicKeyAlgorithm } from '../dids/public-keys.js';

/**
 * Credentials secured as JWTs (with jose), in two forms:
 *
 * - `ob30`, the Open Badges 3.0 / VC-JWT form: header alg, kid, typ JWT;
 *   claims iss, jti, sub, nbf, exp taken from the credential, and `vc`
 *   holding the credential itself;
 * - `vc-jose`, the VC 2.0 JOSE form (VC-JOSE-COSE): the payload is the
 *   credential, typ vc+jwt.
 *
 * Both sign with EdDSA (Ed25519) or RS256. Signing writes the compact JWS
 * itself with node:crypto (synchronous, about twice jose's rate: issuance is
 * a hot path, and both signatures are deterministic, so the tests hold it to
 * jose's output byte for byte); verification is jose's. Verification reads either form,
 * finds the key (the header's kid, resolved; an embedded jwk, as Open Badges
 * 3.0 allows; or else the issuer's listed keys) and says why it fails: a
 * malformed token, an unusable or wrong key, a bad signature. The validity
 * window (nbf/exp, validFrom/validUntil) is reported, not judged, here.
 */

export type VcJwtForm = 'ob30' | 'vc-jose';
type JsonObject = Record<string, unknown>;

const JOSE_ALGORITHM: Record<PublicKeyAlgorithm, 'EdDSA' | 'RS256'> = { Ed25519: 'EdDSA', RS256: 'RS256' };
/** The JOSE algorithms openler accepts, and the key kind each needs ('Ed25519' is the newer name for EdDSA over Ed25519). */
const KEY_FOR_ALGORITHM: Readonly<Record<string, PublicKeyAlgorithm>> = { EdDSA: 'Ed25519', Ed25519: 'Ed25519', RS256: 'RS256' };
const ASSERTION = 'assertionMethod';

/** Encoded protected headers, by their JSON: an issuer's batch repeats one header. */
const encodedHeaders = new Map<string, string>();

function encodedHeader(header: object): string {
  const json = JSON.stringify(header);
  let encoded = encodedHeaders.get(json);
  if (encoded === undefined) {
    encoded = Buffer.from(json, 'utf8').toString('base64url');
    if (encodedHeaders.size >= 1_000) encodedHeaders.clear();
    encodedHeaders.set(json, encoded);
  }
  return encoded;
}

/** A compact JWS (RFC 7515): base64url(header).base64url(payload).base64url(signature); EdDSA is Ed25519, RS256 is RSASSA-PKCS1-v1_5 with SHA-256. */
function compactJws(header: { alg: string }, payload: object, privateKey: KeyObject): string {
  const signingInput = `${encodedHeader(header)}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  const signature = nodeSign(header.alg === 'EdDSA' ? null : 'sha256', Buffer.from(signingInput, 'utf8'), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/** The first credential subject's id (the JWT `sub`). */
function subjectIdOf(credential: JsonObject): string | undefined {
  const subject = Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject;
  return idOf(subject);
}

function secondsOf(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new OpenlerError('validation_failed', `The credential's ${field} is not a date-time: ${JSON.stringify(value)}`, { field });
  return Math.floor(time / 1000);
}

export interface SignVcJwtOptions {
  keyPair: IssuerKeyPair;
  /** The verification method id of the key, written to the header's kid. */
  kid: string;
  /** ob30 (default): claims plus `vc`; vc-jose: the payload is the credential. */
  form?: VcJwtForm;
}

/** The OB 3.0 JWT claims of a credential: iss, jti, sub, nbf, exp and `vc`. */
export function ob30Claims(credential: JsonObject): JsonObject {
  const issuer = idOf(credential.issuer);
  if (issuer === undefined) throw new OpenlerError('validation_failed', 'The credential has no issuer id for the JWT iss claim', { field: 'issuer' });
  const claims: JsonObject = { iss: issuer };
  if (typeof credential.id === 'string') claims.jti = credential.id;
  const subject = subjectIdOf(credential);
  if (subject !== undefined) claims.sub = subject;
  const notBefore = secondsOf(credential.validFrom, 'validFrom') ?? secondsOf(credential.issuanceDate, 'issuanceDate');
  if (notBefore !== undefined) claims.nbf = notBefore;
  const expires = secondsOf(credential.validUntil, 'validUntil') ?? secondsOf(credential.expirationDate, 'expirationDate');
  if (expires !== undefined) claims.exp = expires;
  claims.vc = credential;
  return claims;
}

/** A credential signed as a compact JWT (EdDSA for Ed25519 keys, RS256 for RSA keys). Any embedded proof is left out. */
export async function signVcJwt(credential: JsonObject, options: SignVcJwtOptions): Promise<string> {
  const { keyPair, kid, form = 'ob30' } = options;
  if (!isObject(credential)) throw new OpenlerError('validation_failed', 'A credential to sign is a JSON object', { field: 'credential' });
  if (typeof kid !== 'string' || kid === '') throw new OpenlerError('validation_failed', 'A JWT names its key: kid is the verification method id', { field: 'kid' });
  const unsigned: JsonObject = { ...credential };
  delete unsigned.proof;
  const alg = JOSE_ALGORITHM[keyPair.algorithm];
  let payload: JsonObject;
  let header: { alg: string; kid: string; typ: string; cty?: string };
  if (form === 'vc-jose') {
    const context = unsigned['@context'];
    if (!Array.isArray(context) || context[0] !== 'https://www.w3.org/ns/credentials/v2') {
      throw new OpenlerError('validation_failed', 'The VC 2.0 JOSE form secures VC 2.0 credentials (first @context https://www.w3.org/ns/credentials/v2)', { field: '@context' });
    }
    payload = unsigned;
    header = { alg, kid, typ: 'vc+jwt', cty: 'vc' };
  } else {
    payload = ob30Claims(unsigned);
    header = { alg, kid, typ: 'JWT' };
  }
  return compactJws(header, payload, keyPair.privateKey);
}

export interface VcJwtVerification {
  verified: boolean;
  /** Why not, for a person. */
  reason?: string;
  form?: VcJwtForm;
  /** The credential the JWT carries (also when the signature fails, for display). */
  credential?: JsonObject;
  header?: JsonObject;
  /** The JWT claims (the payload); nbf and exp are for the caller to judge. */
  claims?: JsonObject;
  /** The verification method that verified or failed. */
  verificationMethod?: string;
  /** Where the key came from: the kid (resolved), a jwk in the header, or the issuer's listed keys. */
  keySource?: 'kid' | 'jwk' | 'issuer';
}

export interface VerifyVcJwtOptions {
  resolveKey: KeyResolver | ((verificationMethodId: string) => Promise<ResolvedKey>);
  /** Whether a resolved key must belong to the credential's issuer; on by default. */
  requireIssuerBinding?: boolean;
  /** Whether a public key embedded in the header (jwk) may verify the JWT, as Open Badges 3.0 allows; on by default. */
  allowEmbeddedJwk?: boolean;
}

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** The key a kid names, made absolute against the issuer when it is a bare fragment or name. */
function methodIdFor(kid: string, issuer: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(kid) || issuer === undefined) return kid;
  return kid.startsWith('#') ? `${issuer}${kid}` : `${issuer}#${kid}`;
}

/** Why a resolved key may not verify this JWT, or undefined when it may. */
function keyProblem(key: ResolvedKey, alg: string, issuer: string | undefined, requireBinding: boolean): string | undefined {
  if (key.algorithm !== KEY_FOR_ALGORITHM[alg]) return `Wrong key: ${key.id} is an ${key.algorithm} key but the JWT is signed with ${alg}`;
  if (key.revoked !== undefined) return `The key ${key.id} was revoked by its controller (${key.revoked})`;
  if (!key.purposes.includes(ASSERTION)) return `The key ${key.id} is not listed by ${key.controller} for issuing (${ASSERTION})`;
  if (requireBinding && key.controller !== issuer) return `Wrong key: ${key.id} belongs to ${key.controller}, not to the credential's issuer ${issuer ?? '(none)'}`;
  return undefined;
}

async function signatureHolds(jwt: string, key: KeyObject | CryptoKey, alg: string): Promise<boolean> {
  try {
    await compactVerify(jwt, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Verifies a VC-JWT in the Open Badges 3.0 form (`vc` claim) or the VC 2.0
 * JOSE form (the payload is the credential) and returns the credential with
 * the verdict.
 */
export async function verifyVcJwt(jwt: unknown, options: VerifyVcJwtOptions): Promise<VcJwtVerification> {
  const malformed = (why: string): VcJwtVerification => ({ verified: false, reason: `Malformed JWT: ${why}` });
  if (typeof jwt !== 'string') return malformed('not a string');
  const token = jwt.trim();
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part)) || parts[0] === '' || parts[1] === '') {
    return malformed('a compact JWS is three base64url parts separated by dots');
  }
  let header: JsonObject;
  let claims: unknown;
  try {
    header = decodeProtectedHeader(token) as JsonObject;
    claims = decodeJson(parts[1] ?? '');
  } catch {
    return malformed('the header or payload is not base64url-encoded JSON');
  }
  if (!isObject(claims)) return malformed('the payload is not a JSON object');
  const alg = header.alg;
  if (typeof alg !== 'string' || KEY_FOR_ALGORITHM[alg] === undefined) {
    return { verified: false, reason: `Unsupported JWT algorithm ${JSON.stringify(alg)}: openler verifies EdDSA and RS256`, header, claims };
  }
  let form: VcJwtForm;
  let credential: JsonObject;
  if (isObject(claims.vc)) {
    form = 'ob30';
    credential = claims.vc;
  } else if (claims['@context'] !== undefined && claims.type !== undefined) {
    form = 'vc-jose';
    credential = claims;
  } else {
    return { ...malformed('it carries no credential (no vc claim, and the payload is not a credential)'), header, claims };
  }
  const issuer = idOf(credential.issuer) ?? (typeof claims.iss === 'string' ? claims.iss : undefined);
  const result = (verdict: Partial<VcJwtVerification>): VcJwtVerification => ({ verified: false, form, credential, header, claims, ...verdict });

  // The registered claims restate the credential; a disagreement is a forgery or a broken issuer.
  const restated: Array<[string, string | undefined]> = [['iss', idOf(credential.issuer)], ['jti', typeof credential.id === 'string' ? credential.id : undefined], ['sub', subjectIdOf(credential)]];
  for (const [claim, value] of restated) {
    if (claims[claim] !== undefined && value !== undefined && claims[claim] !== value) {
      return result({ reason: `Malformed JWT: the ${claim} claim ${JSON.stringify(claims[claim])} differs from the credential's ${JSON.stringify(value)}` });
    }
  }

  const requireBinding = options.requireIssuerBinding ?? true;
  const kid = typeof header.kid === 'string' && header.kid !== '' ? header.kid : undefined;
  if (kid !== undefined) {
    const methodId = methodIdFor(kid, issuer);
    let key: ResolvedKey;
    try {
      key = await options.resolveKey(methodId);
    } catch (error) {
      if (error instanceof OpenlerError) return result({ reason: error.message, verificationMethod: methodId, keySource: 'kid' });
      throw error;
    }
    const problem = keyProblem(key, alg, issuer, requireBinding);
    if (problem !== undefined) return result({ reason: problem, verificationMethod: methodId, keySource: 'kid' });
    if (!(await signatureHolds(token, key.publicKey, alg))) {
      return result({ reason: `Bad signature: the JWT was changed after signing, or not signed by ${methodId}`, verificationMethod: methodId, keySource: 'kid' });
    }
    return result({ verified: true, verificationMethod: methodId, keySource: 'kid' });
  }

  if (isObject(header.jwk)) {
    if (!(options.allowEmbeddedJwk ?? true)) return result({ reason: 'The JWT carries its own key (jwk) and names no key of its issuer (kid)', keySource: 'jwk' });
    if ('d' in header.jwk) return result({ reason: 'Malformed JWT: the header publishes a private key', keySource: 'jwk' });
    let key: CryptoKey | Uint8Array;
    try {
      key = await importJWK(header.jwk as JWK, alg);
    } catch {
      return result({ reason: `Wrong key: the header's jwk is not a valid ${alg} public key`, keySource: 'jwk' });
    }
    if (!(await signatureHolds(token, key as CryptoKey, alg))) return result({ reason: 'Bad signature: the JWT was changed after signing, or not signed by the key in its header', keySource: 'jwk' });
    return result({ verified: true, keySource: 'jwk' });
  }

  // Neither kid nor jwk: any of the issuer's keys for issuing may have signed it.
  if (issuer === undefined) return result({ reason: 'Malformed JWT: it names no key (kid, jwk) and no issuer' });
  const keysOf = (options.resolveKey as Partial<KeyResolver>).keysOf;
  if (keysOf === undefined) return result({ reason: `The JWT names no key (kid or jwk), and the keys of ${issuer} cannot be listed`, keySource: 'issuer' });
  let candidates: ResolvedKey[];
  try {
    candidates = (await keysOf(issuer)).filter((key) => keyProblem(key, alg, issuer, requireBinding) === undefined);
  } catch (error) {
    if (error instanceof OpenlerError) return result({ reason: `The JWT names no key (kid or jwk): ${error.message}`, keySource: 'issuer' });
    throw error;
  }
  if (candidates.length === 0) return result({ reason: `Wrong key: ${issuer} lists no ${KEY_FOR_ALGORITHM[alg]} key for issuing`, keySource: 'issuer' });
  for (const key of candidates) {
    if (await signatureHolds(token, key.publicKey, alg)) return result({ verified: true, verificationMethod: key.id, keySource: 'issuer' });
  }
  return result({ reason: `Bad signature: none of the ${KEY_FOR_ALGORITHM[alg]} keys ${issuer} lists verifies the JWT`, keySource: 'issuer' });
}
