import { vcVersionOf } from '../model/contexts.js';
import { bakedImageReaders } from './baked-images.js';
import { asList } from './credential-kind.js';
import { embeddedCredentials } from './embedded.js';
import { readCredentialInput, type ReadCredential } from './input.js';
import { issuerIdOf } from './issuer-binding.js';
import { readJwtCredential } from './jwt-credential.js';
import { checkOb2Issuer, checkOb2Proof, checkOb2Status } from './ob2.js';
import { checkProof } from './proof-check.js';
import { isVerified, passed, skipped, type CheckName, type CheckResult, type VerificationReport } from './report.js';
import { verificationSources, type VerificationSourceOptions } from './sources.js';
import { checkStatus, type StatusSources } from './status-check.js';
import { checkStructure } from './structure.js';
import { checkValidity } from './validity.js';

/**
 * Verifies an Open Badges 3.0, CLR 2.0 or any VC 2.0 / 1.1 credential (JSON,
 * JWT, or baked into a PNG or SVG), or an Open Badges 2.0 assertion, and
 * answers per check: parse, structure, proof, issuer, validity, status. A CLR's
 * achievement credentials are verified too, each reported by its path.
 *
 * Unusable input (not JSON, not a JWT, an image without a credential) is not a
 * report but an OpenlerError (bad_request, or unprocessable / payload_too_large
 * for a damaged or oversize image), which the adapters turn into 400 / exit 2.
 */

export interface VerifyCredentialOptions extends VerificationSourceOptions {
  /** The moment to judge validity at; now by default. */
  now?: Date;
}

export type { VerificationReport } from './report.js';

export async function verifyCredential(input: unknown, options: VerifyCredentialOptions = {}): Promise<VerificationReport> {
  const read = await readCredentialInput(input, bakedImageReaders);
  const sources: StatusSources & ReturnType<typeof verificationSources> = { ...verificationSources(options), now: options.now ?? new Date() };
  const credential = read.credential;
  const structure = checkStructure(credential);
  const checks: CheckResult[] = [passed('parse', describeInput(read)), structure.result];

  if (structure.kind === undefined) {
    const why = 'not checked: the input is not recognizable as a credential (see structure)';
    checks.push(skipped('proof', why), skipped('issuer', why), skipped('validity', why), skipped('status', why));
  } else if (structure.kind === 'OpenBadges2Assertion') {
    checks.push(
      await checkOb2Proof(read, sources.fetchDocument),
      checkOb2Issuer(credential),
      checkValidity({ credential, ob2: true, now: sources.now }),
      await checkOb2Status(credential, sources.fetchDocument),
    );
  } else {
    const { proof, issuer } = await checkProof(credential, read.jwt?.token, sources);
    checks.push(
      proof,
      issuer,
      checkValidity({ credential, vcVersion: structure.vcVersion, jwtPayload: read.jwt?.payload, now: sources.now }),
      await checkStatus(credential, sources),
    );
    if (structure.kind === 'ClrCredential') checks.push(...(await checkClrMembers(credential, sources)));
  }

  const report: VerificationReport = { verified: isVerified(checks), format: read.format, checks, credential };
  if (structure.kind !== undefined) report.kind = structure.kind;
  if (structure.vcVersion !== undefined) report.vcVersion = structure.vcVersion;
  if (typeof credential.id === 'string') report.id = credential.id;
  const issuer = structure.kind === 'OpenBadges2Assertion' ? undefined : issuerIdOf(credential);
  if (issuer !== undefined) report.issuer = issuer;
  return report;
}

function describeInput(read: ReadCredential): string {
  const what = read.jwt === undefined ? 'JSON' : `a JWT (${typeof read.jwt.header.alg === 'string' ? read.jwt.header.alg : 'no alg'})`;
  if (read.format === 'png' || read.format === 'svg') return `read ${what} baked into the ${read.format.toUpperCase()} image`;
  return `read as ${what}`;
}

const memberChecks: CheckName[] = ['proof', 'issuer', 'validity', 'status'];

/**
 * The achievement credentials a CLR bundles are verified one by one; each
 * check is reported once for all of them, by the first failure's path when
 * one fails.
 */
async function checkClrMembers(clr: Record<string, unknown>, sources: StatusSources): Promise<CheckResult[]> {
  const members = embeddedCredentials(clr, 'ClrCredential').filter((embedded) => embedded.role === 'clr-member');
  if (members.length === 0) return [];
  const perMember = await Promise.all(members.map((member) => checkMember(member.value, member.path, sources)));
  const membersPath = '$.credentialSubject.verifiableCredential';
  const all = members.length === 1 ? 'the achievement credential in the record' : `all ${members.length} achievement credentials in the record`;
  return memberChecks.map((name) => {
    const results = perMember.map((checks) => checks.find((check) => check.check === name)).filter((check): check is CheckResult => check !== undefined);
    const failure = results.find((result) => result.status === 'failed');
    if (failure !== undefined) return { ...failure, reason: `in ${failure.path ?? membersPath}: ${failure.reason ?? 'failed'}` };
    const notChecked = results.filter((result) => result.status === 'skipped');
    if (notChecked.length === results.length) return skipped(name, `not checked for ${all}: ${notChecked[0]?.reason ?? ''}`, membersPath);
    if (notChecked.length === 0) return passed(name, `passed for ${all}`, membersPath);
    return passed(name, `passed for ${results.length - notChecked.length} of ${results.length} achievement credentials in the record; not checked for the others: ${notChecked[0]?.reason ?? ''}`, membersPath);
  });
}

async function checkMember(value: unknown, path: string, sources: StatusSources): Promise<CheckResult[]> {
  let credential: Record<string, unknown>;
  let token: string | undefined;
  let payload: Record<string, unknown> | undefined;
  if (typeof value === 'string') {
    try {
      const decoded = readJwtCredential(value);
      credential = decoded.credential;
      payload = decoded.payload;
      token = value.trim();
    } catch {
      // The structure check reports an unreadable member; there is nothing to verify here.
      return [];
    }
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    credential = value as Record<string, unknown>;
  } else {
    return [];
  }
  const { proof, issuer } = await checkProof(credential, token, sources, path);
  const vcVersion = vcVersionOf(asList(credential['@context'])[0]);
  return [
    proof,
    issuer,
    checkValidity({ credential, vcVersion, jwtPayload: payload, now: sources.now, base: path }),
    await checkStatus(credential, sources, path),
  ];
}

