import type { VcVersion } from '../model/contexts.js';

/**
 * What a verification answers: one entry per check, each passed, failed or
 * skipped (not applicable, or not possible with the configured sources, with
 * the reason). A credential is verified when no check failed.
 */
export type CheckName = 'parse' | 'structure' | 'proof' | 'issuer' | 'validity' | 'status';
export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  check: CheckName;
  status: CheckStatus;
  reason?: string;
  /** Where in the credential the check applies or the problem is, as a JSON path ($.credentialSubject.type). */
  path?: string;
  /** False when the caller narrowed verification to other checks: this one ran but does not decide the verdict. */
  requested?: false;
}

/** How the credential arrived. */
export type CredentialFormat = 'json' | 'jwt' | 'png' | 'svg';

/** Which data model the credential claims. */
export type CredentialKind =
  | 'OpenBadgeCredential'
  | 'EndorsementCredential'
  | 'ClrCredential'
  | 'VerifiableCredential'
  | 'OpenBadges2Assertion';

export interface VerificationReport {
  verified: boolean;
  format: CredentialFormat;
  /** Undefined when the structure is too broken to tell. */
  kind?: CredentialKind;
  /** The VC data model edition, for VCs. */
  vcVersion?: VcVersion;
  /** The credential's id and its issuer's id, when it states them. */
  id?: string;
  issuer?: string;
  checks: CheckResult[];
  /** The credential as read (for a JWT, the credential it carries). */
  credential: Record<string, unknown>;
}

export function passed(check: CheckName, reason?: string, path?: string): CheckResult {
  return { check, status: 'passed', ...(reason === undefined ? {} : { reason }), ...(path === undefined ? {} : { path }) };
}

export function failed(check: CheckName, reason: string, path?: string): CheckResult {
  return { check, status: 'failed', reason, ...(path === undefined ? {} : { path }) };
}

export function skipped(check: CheckName, reason: string, path?: string): CheckResult {
  return { check, status: 'skipped', reason, ...(path === undefined ? {} : { path }) };
}

/** Verified means no check failed; skipped checks say what could not be checked. */
export function isVerified(checks: readonly CheckResult[]): boolean {
  return checks.every((check) => check.status !== 'failed');
}

/** The checks a caller may narrow verification to; parse and structure always decide. */
export type SelectableCheck = 'proof' | 'issuer' | 'validity' | 'status';
export const selectableChecks: readonly SelectableCheck[] = ['proof', 'issuer', 'validity', 'status'];

/**
 * A report whose verdict rests on the checks the caller asked for (the
 * VC-API's `options.checks`), with parse and structure always among them:
 * a document that is not a credential is never verified. The other checks
 * still ran and stay in the report, marked `requested: false`, so a caller
 * who asked for the proof alone still sees that the credential expired.
 */
export function narrowReport(report: VerificationReport, requested: readonly SelectableCheck[]): VerificationReport {
  const deciding = new Set<CheckName>(['parse', 'structure', ...requested]);
  const checks = report.checks.map((check) => (deciding.has(check.check) ? check : { ...check, requested: false as const }));
  return { ...report, checks, verified: isVerified(checks.filter((check) => check.requested !== false)) };
}
