import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureJson } from './fixtures.test-support.js';
import { checkValidity } from './validity.js';

const now = new Date('2026-03-01T12:00:00Z');

test('the expired fixture is expired, with its dates in the reason', () => {
  const result = checkValidity({ credential: fixtureJson('ob30', 'simple-err-expired.json'), vcVersion: 'v2', now });
  assert.equal(result.status, 'failed');
  assert.equal(result.path, '$.validUntil');
  assert.equal(result.reason, 'expired: valid until 2010-01-01T00:00:00Z ($.validUntil), and it is now 2026-03-01T12:00:00.000Z');
});

test('VC 2.0 credentials are bounded by validFrom and validUntil', () => {
  const future = checkValidity({ credential: { validFrom: '2027-01-01T00:00:00Z' }, vcVersion: 'v2', now });
  assert.equal(future.status, 'failed');
  assert.match(future.reason ?? '', /^not yet valid: valid from 2027-01-01T00:00:00Z/);
  assert.equal(future.path, '$.validFrom');
  const current = checkValidity({ credential: { validFrom: '2020-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, vcVersion: 'v2', now });
  assert.deepEqual(current, { check: 'validity', status: 'passed', reason: 'valid from 2020-01-01T00:00:00Z until 2030-01-01T00:00:00Z' });
  const open = checkValidity({ credential: { validFrom: '2020-01-01T00:00:00Z' }, vcVersion: 'v2', now });
  assert.equal(open.reason, 'valid from 2020-01-01T00:00:00Z with no expiry');
  // The instant of validUntil is already outside the window.
  assert.equal(checkValidity({ credential: { validUntil: now.toISOString() }, vcVersion: 'v2', now }).status, 'failed');
});

test('VC 1.1 credentials are bounded by issuanceDate and expirationDate, and VC 2.0 names are not read for them', () => {
  assert.equal(checkValidity({ credential: { issuanceDate: '2026-06-01T00:00:00Z' }, vcVersion: 'v1', now }).status, 'failed');
  const expired = checkValidity({ credential: { issuanceDate: '2010-01-01T00:00:00Z', expirationDate: '2020-01-20T00:00:00Z' }, vcVersion: 'v1', now });
  assert.equal(expired.path, '$.expirationDate');
  assert.match(expired.reason ?? '', /^expired: valid until 2020-01-20T00:00:00Z/);
  assert.equal(checkValidity({ credential: { issuanceDate: '2010-01-01T00:00:00Z', validUntil: '2011-01-01T00:00:00Z' }, vcVersion: 'v1', now }).status, 'passed');
});

test('a JWT exp claim bounds the credential as well', () => {
  const result = checkValidity({ credential: { issuanceDate: '2010-01-01T00:00:00Z' }, vcVersion: 'v1', jwtPayload: { exp: Date.parse('2025-01-01T00:00:00Z') / 1000 }, now });
  assert.equal(result.status, 'failed');
  assert.equal(result.reason, 'expired: valid until 2025-01-01T00:00:00.000Z (the JWT exp claim), and it is now 2026-03-01T12:00:00.000Z');
  assert.equal(result.path, undefined);
});

test('Open Badges 2.0 dates are issuedOn and expires; no dates at all is valid at any time', () => {
  assert.equal(checkValidity({ credential: { issuedOn: '2016-12-31T23:59:59Z', expires: '2017-12-31T23:59:59Z' }, ob2: true, now }).path, '$.expires');
  assert.equal(checkValidity({ credential: {}, vcVersion: 'v2', now }).status, 'passed');
  assert.equal(checkValidity({ credential: { validFrom: 'yesterday' }, vcVersion: 'v2', now }).reason, '$.validFrom is not a date');
});
