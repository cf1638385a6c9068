import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../common/errors.js';
import { dateTimeOption, didOption, emailOption, nonNegativeNumberOption } from './option-values.js';

/** The validation error naming the option, or a failed assertion. */
function refusal(check: () => unknown): OpenlerError {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof OpenlerError, String(error));
    return error;
  }
  assert.fail('the value was accepted');
}

describe('CLI option values', () => {
  it('reads a date as the start of that day in UTC, and a date-time with its offset', () => {
    assert.equal(dateTimeOption('2027-06-30', 'valid-until'), '2027-06-30T00:00:00.000Z');
    assert.equal(dateTimeOption('2027-06-30T17:00:00+02:00', 'valid-until'), '2027-06-30T15:00:00.000Z');
    assert.equal(dateTimeOption('2027-06-30T17:00:00.5Z', 'valid-until'), '2027-06-30T17:00:00.500Z');
  });

  it('refuses words, days that do not exist and date-times without a time zone, naming the option', () => {
    for (const value of ['yesterday', '', '2027-02-30', '2027-13-01', '2027-06-30T17:00:00', '2027-06-30T25:00:00Z', '30/06/2027']) {
      const error = refusal(() => dateTimeOption(value, 'valid-until'));
      assert.equal(error.code, 'validation_failed', value);
      assert.equal(error.details.field, 'valid-until');
      assert.match(error.message, /^--valid-until must be a date/);
    }
  });

  it('checks emails and DIDs as the HTTP API does', () => {
    assert.equal(emailOption('ana@example.edu', 'email'), 'ana@example.edu');
    for (const value of ['notanemail', 'ana@', '@example.edu', 'ana @example.edu']) {
      assert.match(refusal(() => emailOption(value, 'email')).message, /^--email must be an email address/);
    }
    assert.equal(didOption('did:example:ana', 'did'), 'did:example:ana');
    assert.equal(refusal(() => didOption('ana', 'did')).details.field, 'did');
  });

  it('says a count must be a non-negative number', () => {
    assert.equal(nonNegativeNumberOption('0', 'credits'), 0);
    assert.equal(nonNegativeNumberOption('2.5', 'credits'), 2.5);
    for (const value of ['-3', 'three', '', 'Infinity']) {
      assert.equal(refusal(() => nonNegativeNumberOption(value, 'credits')).message, `--credits must be a non-negative number, not ${value}`);
    }
  });
});
