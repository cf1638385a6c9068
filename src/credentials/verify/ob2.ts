import { compactVerify, importSPKI } from 'jose';
import { isDeepStrictEqual } from 'node:util';
import { jsonPath, type PathSegment } from './json-path.js';
import type { ReadCredential } from './input.js';
import { failed, passed, skipped, type CheckResult } from './report.js';
import { messageOf, type FetchDocument } from './sources.js';

/**
 * Open Badges 2.0 assertions are not Verifiable Credentials: a hosted
 * assertion is proven by fetching it from its own id (which must sit where its
 * issuer does), a signed one by a JWS whose key its issuer publishes at
 * verification.creator. Both need documents from the web, so without a way to
 * fetch them the proof is skipped with the reason.
 */


type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function verificationType(assertion: Json): 'hosted' | 'signed' | undefined {
  const type = asObject(assertion.verification)?.type;
  if (type === 'hosted' || type === 'HostedBadge') return 'hosted';
  if (type === 'signed' || type === 'SignedBadge') return 'signed';
  return undefined;
}

function httpOrigin(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export async function checkOb2Proof(read: ReadCredential, fetchDocument: FetchDocument | undefined): Promise<CheckResult> {
  const assertion = read.credential;
  const kind = verificationType(assertion);
  if (kind === 'signed') return checkSigned(read, fetchDocument);
  if (kind !== 'hosted') return failed('proof', '$.verification.type must be hosted or signed', '$.verification.type');
  const id = assertion.id;
  if (typeof id !== 'string' || httpOrigin(id) === undefined) {
    return failed('proof', 'a hosted assertion is verified at its id, which must be an http(s) URL', '$.id');
  }
  const hosted = await fetchOrReason(fetchDocument, id);
  if (hosted.status === 'offline') return skipped('proof', `hosted verification fetches the assertion from ${id}, and remote fetching is off`, '$.id');
  if (hosted.status === 'failed') return failed('proof', `the hosted assertion could not be fetched: ${hosted.reason}`, '$.id');
  const difference = firstDifference(hosted.document, assertion, []);
  if (difference !== undefined) {
    return failed('proof', `the assertion hosted at ${id} differs from the one given, at ${jsonPath(difference)}`, jsonPath(difference));
  }
  return passed('proof', `the assertion hosted at ${id} is the one given`);
}

async function checkSigned(read: ReadCredential, fetchDocument: FetchDocument | undefined): Promise<CheckResult> {
  if (read.jwt === undefined) return failed('proof', 'a signed assertion is verified as the JWS it was signed in; this one came as plain JSON');
  const creator = asObject(read.credential.verification)?.creator;
  if (typeof creator !== 'string') return failed('proof', 'a signed assertion names its key in $.verification.creator', '$.verification.creator');
  const fetched = await fetchOrReason(fetchDocument, creator);
  if (fetched.status === 'offline') return skipped('proof', `signed verification fetches the key at ${creator}, and remote fetching is off`, '$.verification.creator');
  if (fetched.status === 'failed') return failed('proof', `the signing key could not be fetched: ${fetched.reason}`, '$.verification.creator');
  const key = asObject(fetched.document);
  const pem = key?.publicKeyPem;
  if (typeof pem !== 'string') return failed('proof', `no public key (publicKeyPem) could be had from ${creator}`, '$.verification.creator');
  const algorithm = typeof read.jwt.header.alg === 'string' ? read.jwt.header.alg : 'RS256';
  try {
    await compactVerify(read.jwt.token, await importSPKI(pem, algorithm));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return failed('proof', `the JWS signature does not verify with the key at ${creator}: ${why}`);
  }
  return passed('proof', `JWS (${algorithm}) signed by the key at ${creator}`);
}

/** The issuer's id, when the assertion embeds its BadgeClass (otherwise it is known only by fetching). */
function issuerIdOf(assertion: Json): string | undefined {
  const issuer = asObject(assertion.badge)?.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = asObject(issuer)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The assertion (or its signing key) must live where its issuer does. */
export function checkOb2Issuer(assertion: Json): CheckResult {
  const issuerId = issuerIdOf(assertion);
  if (issuerId === undefined) {
    return skipped('issuer', 'the BadgeClass is referenced by URL, so its issuer is known only by fetching it', '$.badge');
  }
  const signed = verificationType(assertion) === 'signed';
  const location = signed ? asObject(assertion.verification)?.creator : assertion.id;
  const what = signed ? 'the signing key' : 'the assertion';
  const origin = httpOrigin(location);
  const issuerOrigin = httpOrigin(issuerId);
  if (origin === undefined || issuerOrigin === undefined) {
    return failed('issuer', `${what} and its issuer must both be http(s) URLs to be matched (issuer ${issuerId})`);
  }
  const allowed = [issuerOrigin, ...allowedOrigins(assertion)];
  if (!allowed.includes(origin)) return failed('issuer', `${what} is at ${origin}, but its issuer ${issuerId} is at ${issuerOrigin}`);
  return passed('issuer', `${what} is at ${origin}, where its issuer ${issuerId} is`);
}

function allowedOrigins(assertion: Json): string[] {
  const value = asObject(assertion.verification)?.allowedOrigins;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string').map((host) => httpOrigin(`https://${host}`) ?? host);
}

/** Open Badges 2.0 revocation: the assertion itself says so, or its issuer's revocation list does. */
export async function checkOb2Status(assertion: Json, fetchDocument: FetchDocument | undefined): Promise<CheckResult> {
  if (assertion.revoked === true) {
    const why = typeof assertion.revocationReason === 'string' ? `: ${assertion.revocationReason}` : '';
    return failed('status', `revoked${why}`, '$.revoked');
  }
  const issuer = asObject(asObject(assertion.badge)?.issuer);
  const list = issuer?.revocationList;
  if (typeof list !== 'string') return skipped('status', 'the assertion is not marked revoked, and no revocation list is known for its issuer');
  const fetched = await fetchOrReason(fetchDocument, list);
  if (fetched.status === 'offline') return skipped('status', `the issuer's revocation list ${list} is not fetched: remote fetching is off`);
  if (fetched.status === 'failed') return failed('status', `the issuer's revocation list could not be fetched: ${fetched.reason}`);
  const revocations = asObject(fetched.document);
  if (revocations === undefined) return failed('status', `the issuer's revocation list ${list} is not a JSON object`);
  const entries = Array.isArray(revocations.revokedAssertions) ? revocations.revokedAssertions : [];
  const entry = entries.find((item) => item === assertion.id || asObject(item)?.id === assertion.id);
  if (entry !== undefined) {
    const reason = asObject(entry)?.revocationReason;
    return failed('status', `revoked by the issuer's revocation list ${list}${typeof reason === 'string' ? `: ${reason}` : ''}`);
  }
  return passed('status', `not on the issuer's revocation list ${list}`);
}

type Fetched = { status: 'found'; document: unknown } | { status: 'offline' } | { status: 'failed'; reason: string };

async function fetchOrReason(fetchDocument: FetchDocument | undefined, url: string): Promise<Fetched> {
  if (fetchDocument === undefined) return { status: 'offline' };
  try {
    const document = await fetchDocument(url);
    return document === undefined ? { status: 'offline' } : { status: 'found', document };
  } catch (error) {
    return { status: 'failed', reason: messageOf(error) };
  }
}

/** The path of the first place two JSON values differ (key order aside). */
function firstDifference(actual: unknown, expected: unknown, path: PathSegment[]): PathSegment[] | undefined {
  if (isDeepStrictEqual(actual, expected)) return undefined;
  const actualObject = actual !== null && typeof actual === 'object' ? (actual as Record<string, unknown>) : undefined;
  const expectedObject = expected !== null && typeof expected === 'object' ? (expected as Record<string, unknown>) : undefined;
  if (actualObject === undefined || expectedObject === undefined || Array.isArray(actual) !== Array.isArray(expected)) return path;
  const keys = new Set([...Object.keys(actualObject), ...Object.keys(expectedObject)]);
  for (const key of keys) {
    const segment: PathSegment = Array.isArray(actual) ? Number(key) : key;
    const difference = firstDifference(actualObject[key], expectedObject[key], [...path, segment]);
    if (difference !== undefined) return difference;
  }
  return path;
}
