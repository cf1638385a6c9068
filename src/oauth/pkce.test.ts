import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../common/testing.js';
import { challengeOf, checkChallenge, verifierMatches } from './pkce.js';

describe('PKCE (S256)', () => {
  it('computes the challenge of RFC 7636 appendix B', () => {
    assert.equal(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('matches a verifier to its challenge only', () => {
    const verifier = 'a'.repeat(43);
    assert.equal(verifierMatches(verifier, challengeOf(verifier)), true);
    assert.equal(verifierMatches('b'.repeat(43), challengeOf(verifier)), false);
    // Too short, or with characters outside the unreserved set, even if it hashed right.
    assert.equal(verifierMatches('short', challengeOf('short')), false);
    assert.equal(verifierMatches(`${'a'.repeat(42)}!`, challengeOf(`${'a'.repeat(42)}!`)), false);
  });

  it('takes S256 only, with a well-formed challenge', () => {
    const challenge = challengeOf('c'.repeat(50));
    assert.equal(checkChallenge(challenge, 'S256'), challenge);
    assert.throws(() => checkChallenge(challenge, 'plain'), rejectsWith('bad_request', /S256, not plain/, { oauthError: 'invalid_request' }));
    assert.throws(() => checkChallenge(challenge, undefined), rejectsWith('bad_request', /S256/));
    assert.throws(() => checkChallenge(undefined, 'S256'), rejectsWith('bad_request', /code_challenge is required/));
    assert.throws(() => checkChallenge('too-short', 'S256'), rejectsWith('bad_request', /43-character/));
  });
});
