import type { TSchema } from 'typebox';
import { AchievementCredential, AchievementCredentialV1 } from '../model/achievement-credential.js';
import { ClrCredential, ClrCredentialV1 } from '../model/clr-credential.js';
import type { VcVersion } from '../model/contexts.js';
import { EndorsementCredential, EndorsementCredentialV1 } from '../model/endorsement-credential.js';
import { Ob2Assertion } from '../model/ob2-assertion.js';
import { VerifiableCredential, VerifiableCredentialV1 } from '../model/verifiable-credential.js';
import { identifyKind } from './credential-kind.js';
import { readJwtCredential, type JwtCredential } from './jwt-credential.js';
import { embeddedCredentials } from './embedded.js';
import { failed, passed, type CheckResult, type CredentialKind } from './report.js';
import { emptyValidityPeriod } from './validity.js';
import { firstSchemaProblem } from './schema-problem.js';

/**
 * The structure check: the credential has the fields and types its data model
 * requires (Open Badges 3.0, CLR 2.0, any VC 2.0 or 1.1, Open Badges 2.0), and
 * so does every credential embedded in it (endorsements, the achievement
 * credentials of a CLR). The first problem is reported with its JSON path.
 */

export interface StructureOutcome {
  kind?: CredentialKind;
  vcVersion?: VcVersion;
  result: CheckResult;
}

const schemas: Record<Exclude<CredentialKind, 'OpenBadges2Assertion'>, Record<VcVersion, TSchema>> = {
  OpenBadgeCredential: { v2: AchievementCredential, v1: AchievementCredentialV1 },
  EndorsementCredential: { v2: EndorsementCredential, v1: EndorsementCredentialV1 },
  ClrCredential: { v2: ClrCredential, v1: ClrCredentialV1 },
  VerifiableCredential: { v2: VerifiableCredential, v1: VerifiableCredentialV1 },
};

const kindNames: Record<CredentialKind, string> = {
  OpenBadgeCredential: 'an Open Badges 3.0 achievement credential',
  EndorsementCredential: 'an Open Badges 3.0 endorsement',
  ClrCredential: 'a CLR 2.0 credential',
  VerifiableCredential: 'a verifiable credential',
  OpenBadges2Assertion: 'an Open Badges 2.0 assertion',
};

export function describeKind(kind: CredentialKind, vcVersion?: VcVersion): string {
  const edition = vcVersion === undefined ? '' : vcVersion === 'v2' ? ' (VC 2.0)' : ' (VC 1.1)';
  return `${kindNames[kind]}${edition}`;
}

/** Credentials inside credentials inside credentials: deep enough for any real record, bounded against hostile nesting. */
const MAX_EMBEDDING_DEPTH = 8;

export function checkStructure(credential: unknown): StructureOutcome {
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    return { result: failed('structure', '$ must be a JSON object', '$') };
  }
  return checkWithEmbedded(credential as Record<string, unknown>, '$', 0);
}

function checkWithEmbedded(credential: Record<string, unknown>, base: string, depth: number): StructureOutcome {
  const own = checkOne(credential, base);
  if (own.result.status === 'failed') return own;
  for (const embedded of embeddedCredentials(credential, own.kind, base)) {
    if (depth >= MAX_EMBEDDING_DEPTH) return { ...own, result: failed('structure', `${embedded.path} is nested more than ${MAX_EMBEDDING_DEPTH} credentials deep`, embedded.path) };
    const inner = checkEmbedded(embedded.value, embedded.path, depth + 1);
    if (inner.result.status === 'failed') return { ...own, result: inner.result };
  }
  return own;
}

/** An embedded credential is a JSON object or, in a CLR, a VC-JWT. */
function checkEmbedded(value: unknown, path: string, depth: number): StructureOutcome {
  if (typeof value === 'string') {
    let decoded: JwtCredential;
    try {
      decoded = readJwtCredential(value);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { result: failed('structure', `${path} is neither a credential object nor a readable VC-JWT: ${why}`, path) };
    }
    return checkWithEmbedded(decoded.credential, path, depth);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { result: failed('structure', `${path} must be a credential object`, path) };
  }
  return checkWithEmbedded(value as Record<string, unknown>, path, depth);
}

function checkOne(credential: Record<string, unknown>, base: string): StructureOutcome {
  const { kind, vcVersion, problem: kindProblem } = identifyKind(credential, base);
  if (kindProblem !== undefined) return { kind, vcVersion, result: failed('structure', kindProblem.reason, kindProblem.path) };
  if (kind === undefined) return { result: failed('structure', `${base} is not recognizable as a credential`, base) };
  const schema = kind === 'OpenBadges2Assertion' ? Ob2Assertion : schemas[kind][vcVersion ?? 'v2'];
  const problem = firstSchemaProblem(schema, credential, base);
  if (problem !== undefined) return { kind, vcVersion, result: failed('structure', problem.reason, problem.path) };
  // A period that ends before it starts breaks the data model, not just today's window: it decides even when only the proof was asked for.
  const empty = kind === 'OpenBadges2Assertion' ? undefined : emptyValidityPeriod(credential, vcVersion, base);
  if (empty !== undefined) return { kind, vcVersion, result: failed('structure', empty.reason ?? 'the validity period is empty', empty.path) };
  return { kind, vcVersion, result: passed('structure', `${describeKind(kind, vcVersion)} with every required field`) };
}
