import type { CommanderError } from 'commander';
import { OpenlerError } from '../common/errors.js';

/** Commander's codes for help and version output: not failures. */
const informational = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export function isInformational(error: CommanderError): boolean {
  return informational.has(error.code);
}

/**
 * A command line commander refused (unknown option, a value outside its
 * choices, a missing argument) as the OpenlerError the rest of the CLI
 * reports, so that --json gets the same one-line JSON error. Always exit 2.
 */
export function usageError(error: CommanderError): OpenlerError {
  const message = error.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
  return new OpenlerError(error.code === 'commander.invalidArgument' ? 'validation_failed' : 'bad_request', message);
}
