import { jsonPath, type PathSegment } from './json-path.js';
import type { CredentialKind } from './report.js';

/**
 * Credentials embedded in a credential: endorsements (wherever a profile,
 * achievement or credential carries them) and the achievement credentials a
 * CLR bundles, which may be JSON objects or VC-JWT strings. Each is a
 * credential of its own, checked on its own; the walk does not enter them.
 */

export interface EmbeddedCredential {
  path: string;
  /** 'endorsement' or 'clr-member'. */
  role: 'endorsement' | 'clr-member';
  value: unknown;
}

export function embeddedCredentials(credential: Record<string, unknown>, kind?: CredentialKind, base = '$'): EmbeddedCredential[] {
  const found: EmbeddedCredential[] = [];
  const walk = (value: unknown, segments: PathSegment[]): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...segments, index]));
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'endorsement' && Array.isArray(child)) {
        child.forEach((item, index) => found.push({ path: jsonPath([...segments, key, index], base), role: 'endorsement', value: item }));
        continue;
      }
      const isClrMembers = kind === 'ClrCredential' && key === 'verifiableCredential' && segments.length === 1 && segments[0] === 'credentialSubject';
      if (isClrMembers && Array.isArray(child)) {
        child.forEach((item, index) => found.push({ path: jsonPath([...segments, key, index], base), role: 'clr-member', value: item }));
        continue;
      }
      if (key === 'proof') continue;
      walk(child, [...segments, key]);
    }
  };
  walk(credential, []);
  return found;
}
