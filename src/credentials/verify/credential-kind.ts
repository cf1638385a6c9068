import { achievementCredentialTypes } from '../model/achievement-credential.js';
import { isClrV2Context, isObV3Context, obV2Context, vcV1Context, vcV2Context, vcVersionOf, type VcVersion } from '../model/contexts.js';
import { jsonPath } from './json-path.js';
import type { CredentialKind } from './report.js';

/**
 * Which data model a credential claims, from its contexts and types, before any
 * schema is applied: the VC edition comes from the first context, the kind from
 * the types. A credential that uses the Open Badges or CLR context without one
 * of their credential types is a mistake worth naming on its own.
 */

export interface KindResult {
  /** Undefined when the credential is not recognizable as one. */
  kind?: CredentialKind;
  vcVersion?: VcVersion;
  /** The first problem found on the way, with its path. */
  problem?: { path: string; reason: string };
}

export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function typesOf(value: unknown): string[] {
  return asList(value).filter((type): type is string => typeof type === 'string');
}

/** Open Badges and CLR credentials name their own context right after the VC context. */
function secondContext(contexts: unknown[], base: string, accepts: (url: unknown) => boolean, what: string, identified: KindResult): KindResult {
  if (accepts(contexts[1])) return identified;
  const path = jsonPath(['@context', 1], base);
  const found = contexts[1] === undefined ? 'nothing' : JSON.stringify(contexts[1]);
  return { ...identified, problem: { path, reason: `${path} must be ${what}, right after the VC context (found ${found})` } };
}

export function identifyKind(credential: Record<string, unknown>, base = '$'): KindResult {
  const contexts = asList(credential['@context']);
  if (contexts.length === 0) {
    return { problem: { path: jsonPath(['@context'], base), reason: `${jsonPath(['@context'], base)} is required: a credential names its data model by its contexts` } };
  }
  if (contexts.includes(obV2Context)) return { kind: 'OpenBadges2Assertion' };
  const first = contexts[0];
  const vcVersion = vcVersionOf(first);
  if (vcVersion === undefined) {
    const path = Array.isArray(credential['@context']) ? jsonPath(['@context', 0], base) : jsonPath(['@context'], base);
    return { problem: { path, reason: `${path} must be ${vcV2Context} (VC 2.0) or ${vcV1Context} (VC 1.1): the VC context comes first (found ${JSON.stringify(first)})` } };
  }
  const types = typesOf(credential.type);
  const typePath = jsonPath(['type'], base);
  if (!types.includes('VerifiableCredential')) {
    return { problem: { path: typePath, reason: `${typePath} must include 'VerifiableCredential' (found ${JSON.stringify(credential.type ?? null)})` } };
  }
  if (types.includes('ClrCredential')) return secondContext(contexts, base, isClrV2Context, 'a CLR 2.0 context', { kind: 'ClrCredential', vcVersion });
  if (types.some((type) => (achievementCredentialTypes as readonly string[]).includes(type))) {
    return secondContext(contexts, base, isObV3Context, 'an Open Badges 3.0 context', { kind: 'OpenBadgeCredential', vcVersion });
  }
  if (types.includes('EndorsementCredential')) {
    return secondContext(contexts, base, isObV3Context, 'an Open Badges 3.0 context', { kind: 'EndorsementCredential', vcVersion });
  }
  const found = JSON.stringify(credential.type);
  if (contexts.some(isClrV2Context)) {
    return { problem: { path: typePath, reason: `${typePath} must include 'ClrCredential' in a credential on the CLR 2.0 context (found ${found})` } };
  }
  if (contexts.some(isObV3Context)) {
    return {
      problem: {
        path: typePath,
        reason: `${typePath} must include 'OpenBadgeCredential', 'AchievementCredential' or 'EndorsementCredential' in a credential on the Open Badges 3.0 context (found ${found})`,
      },
    };
  }
  return { kind: 'VerifiableCredential', vcVersion };
}
