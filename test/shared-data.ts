import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The read-only real data beside the repository (ESCO, O*NET, ...), which
 * tests read and the product never needs. Tests run from the repository root.
 */
export const sharedDir = resolve(process.cwd(), '..', 'shared');

export function sharedPath(...parts: string[]): string {
  const path = resolve(sharedDir, ...parts);
  if (!existsSync(path)) throw new Error(`test data missing: ${path} (expected the shared data folder beside the repository)`);
  return path;
}
