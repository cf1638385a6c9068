import { OpenlerError } from '../common/errors.js';

/**
 * PostgreSQL cannot store U+0000 in text or JSON ("invalid byte sequence for
 * encoding UTF8: 0x00", "unsupported Unicode escape sequence"). Such input is
 * the caller's mistake, not the server's: both drivers turn it into a
 * bad_request that says so, wherever the text came from (an ID in a URL, a
 * JSON body, a CSV cell, a CLI argument). Every other error passes unchanged.
 */
export function storageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === '22021' || code === '22P05' || /invalid byte sequence for encoding "UTF8": 0x00|unsupported Unicode escape sequence/.test(message)) {
    return new OpenlerError('bad_request', 'The input contains a NUL character (U+0000), which no text openler stores can hold', { field: 'input' });
  }
  return error;
}
