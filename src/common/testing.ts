import assert from 'node:assert/strict';
import { OpenlerError, type ErrorCode } from './errors.js';

/**
 * For tests: an `assert.throws` / `assert.rejects` check that the error is an
 * OpenlerError with this code, a message matching the pattern, and these details.
 */
export function rejectsWith(code: ErrorCode, pattern: RegExp = /./, details: Record<string, unknown> = {}): (error: unknown) => true {
  return (error) => {
    assert.ok(error instanceof OpenlerError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details[key], value, error.message);
    return true;
  };
}
