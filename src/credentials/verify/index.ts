/**
 * Credential verification: `verifyCredential(input, options)` answers per
 * check (parse, structure, proof, issuer, validity, status) for Open Badges
 * 3.0, CLR 2.0, any VC 2.0 / 1.1 credential (JSON, JWT, baked PNG or SVG) and
 * Open Badges 2.0 assertions.
 */
export { verifyCredential, type VerifyCredentialOptions } from './verify-credential.js';
export type { CheckName, CheckResult, CheckStatus, CredentialFormat, CredentialKind, VerificationReport } from './report.js';
export type { FetchDocument, VerificationSourceOptions } from './sources.js';
