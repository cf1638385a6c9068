import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/shared-data.js';

/**
 * The 1EdTech validator's test credentials in the shared fixtures folder beside the repository (Apache-2.0,
 * 1EdTech digital-credentials-public-validator), read at test time.
 */
export function fixtureText(...parts: string[]): string {
  return readFileSync(sharedPath('fixtures', ...parts), 'utf8');
}

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath('fixtures', ...parts)));
}

export function fixtureJson(...parts: string[]): Record<string, unknown> {
  return JSON.parse(fixtureText(...parts)) as Record<string, unknown>;
}
