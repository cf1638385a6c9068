import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { failed, narrowReport, passed, type VerificationReport } from './report.js';

const report = (checks: VerificationReport['checks']): VerificationReport => ({ verified: false, format: 'json', checks, credential: {} });

describe('narrowReport', () => {
  const expired = report([
    passed('parse'), passed('structure'), passed('proof'), passed('issuer'),
    failed('validity', 'expired'), passed('status'),
  ]);

  it('decides on the requested checks and keeps the others, marked as not requested', () => {
    const narrowed = narrowReport(expired, ['proof']);
    assert.equal(narrowed.verified, true);
    assert.deepEqual(narrowed.checks.find((check) => check.check === 'validity'), { check: 'validity', status: 'failed', reason: 'expired', requested: false });
    assert.equal(narrowed.checks.find((check) => check.check === 'proof')?.requested, undefined);
    assert.equal(narrowReport(expired, ['proof', 'validity']).verified, false);
  });

  it('always decides on parse and structure', () => {
    const broken = report([passed('parse'), failed('structure', 'no credentialSubject'), passed('proof')]);
    assert.equal(narrowReport(broken, ['proof']).verified, false);
    assert.equal(narrowReport(broken, []).verified, false);
  });
});
