import { OpenlerError } from '../common/errors.js';
import type { CheckName, VerificationReport } from '../credentials/verify/report.js';

/** Verifies a credential as POST /v1/verify does: JSON as an object, a VC-JWT as its compact JWS. */
export type CredentialVerifier = (input: unknown) => Promise<VerificationReport>;

/**
 * The checks that decide whether the Open Badges API holds a credential: it
 * must be one (structure), be signed as it stands (proof), and be signed by
 * its issuer (issuer). Each must pass; a check skipped because openler could
 * not resolve the key is as good as failed, since nothing was verified.
 * Validity and status do not decide: an expired or revoked credential is
 * still a true record of what was awarded, and the API keeps what the client has.
 */
const decidingChecks: readonly CheckName[] = ['structure', 'proof', 'issuer'];

/** Why the credential may not be held, as a validation_failed error naming the check; undefined when it may. */
export function upsertRefusal(report: VerificationReport): OpenlerError | undefined {
  for (const name of decidingChecks) {
    const check = report.checks.find((candidate) => candidate.check === name);
    if (check?.status === 'passed') continue;
    const reason = check?.reason ?? `the ${name} check was not made`;
    const what = check?.status === 'failed' ? `the ${name} check failed` : `the ${name} check could not be made`;
    return new OpenlerError('validation_failed', `the credential does not verify: ${what}: ${reason}`, { field: check?.path ?? 'body', check: name, reason });
  }
  return undefined;
}
