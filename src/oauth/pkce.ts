import { createHash, timingSafeEqual } from 'node:crypto';
import { oauthError } from './scopes.js';

/** RFC 7636 section 4.1: 43 to 128 characters from the unreserved set. */
const verifierPattern = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge is the base64url SHA-256 of a verifier: 43 characters, no padding. */
const challengePattern = /^[A-Za-z0-9_-]{43}$/;

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(code_verifier))). */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Checks the PKCE parameters of an authorization request. openler takes S256
 * only: plain would send the verifier itself through the browser.
 */
export function checkChallenge(challenge: string | undefined, method: string | undefined): string {
  if (challenge === undefined || challenge === '') throw oauthError('invalid_request', 'code_challenge is required (PKCE with S256)');
  if (method !== 'S256') throw oauthError('invalid_request', `code_challenge_method must be S256${method ? `, not ${method}` : ''}`);
  if (!challengePattern.test(challenge)) throw oauthError('invalid_request', 'code_challenge must be the 43-character base64url SHA-256 of the code verifier');
  return challenge;
}

/** True when the verifier is well formed and hashes to the challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!verifierPattern.test(verifier)) return false;
  const expected = Buffer.from(challenge, 'utf8');
  const given = Buffer.from(challengeOf(verifier), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
