import { OpenlerError } from '../../common/errors.js';

/**
 * Reading the credential inside a compact JWS, without verifying anything:
 * a VC-JWT (VC 1.1) carries it in the `vc` claim, where the registered claims
 * stand in for properties it may leave out (iss for issuer, nbf for the issuance
 * date, exp for expiry, jti for id, sub for the subject's id); a VC 2.0 JOSE
 * credential, or a signed Open Badges 2.0 assertion, is the payload itself.
 */

export interface JwtCredential {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  credential: Record<string, unknown>;
}

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(text: string): boolean {
  return compactJws.test(text);
}

function decodePart(part: string, name: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new OpenlerError('bad_request', `The JWT ${name} is not base64url-encoded JSON`, { field: 'credential' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OpenlerError('bad_request', `The JWT ${name} is not a JSON object`, { field: 'credential' });
  }
  return parsed as Record<string, unknown>;
}

function isoFromSeconds(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function readJwtCredential(jwt: string): JwtCredential {
  const text = jwt.trim();
  if (!looksLikeJwt(text)) throw new OpenlerError('bad_request', 'The input is not a compact JWT (header.payload.signature)', { field: 'credential' });
  const [headerPart = '', payloadPart = ''] = text.split('.');
  const header = decodePart(headerPart, 'header');
  const payload = decodePart(payloadPart, 'payload');
  const vc = payload.vc;
  if (vc !== null && typeof vc === 'object' && !Array.isArray(vc)) {
    return { header, payload, credential: withRegisteredClaims(vc as Record<string, unknown>, payload) };
  }
  if ('@context' in payload) return { header, payload, credential: payload };
  throw new OpenlerError('bad_request', 'The JWT carries no credential: it has neither a vc claim nor a credential as its payload', { field: 'credential' });
}

/** The vc claim completed from the registered claims, as VC-JWT defines. */
function withRegisteredClaims(vc: Record<string, unknown>, payload: Record<string, unknown>): Record<string, unknown> {
  const credential: Record<string, unknown> = structuredClone(vc);
  if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
  if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
  const notBefore = isoFromSeconds(payload.nbf);
  if (credential.issuanceDate === undefined && credential.validFrom === undefined && notBefore !== undefined) credential.issuanceDate = notBefore;
  const expiry = isoFromSeconds(payload.exp);
  if (credential.expirationDate === undefined && credential.validUntil === undefined && expiry !== undefined) credential.expirationDate = expiry;
  const subject = credential.credentialSubject;
  if (typeof payload.sub === 'string' && subject !== null && typeof subject === 'object' && !Array.isArray(subject)) {
    const subjectRecord = subject as Record<string, unknown>;
    if (subjectRecord.id === undefined) subjectRecord.id = payload.sub;
  }
  return credential;
}
