import { OpenlerError } from '../../common/errors.js';
import { checkStatusEntry } from '../status/status-list-credential.js';
import { asList, typesOf } from './credential-kind.js';
import { issuerIdOf } from './issuer-binding.js';
import { jsonPath } from './json-path.js';
import { checkProof, type ProofSources } from './proof-check.js';
import { readJwtCredential } from './jwt-credential.js';
import { failed, passed, skipped, type CheckResult } from './report.js';
import { messageOf, type FetchDocument } from './sources.js';
import { checkValidity } from './validity.js';

/**
 * The status check (W3C Bitstring Status List): each BitstringStatusListEntry
 * points at a bit of a status list credential published by the issuer. The
 * list is fetched (local store, or the network where allowed), verified like
 * any credential (proof, the issuer's key, not expired, same issuer as the
 * credential), and the bit read: set means revoked, or suspended, as the
 * entry's purpose says. A list that cannot be had fails the check: the
 * credential may be revoked. Other status methods are reported as not checked.
 */

export interface StatusSources extends ProofSources {
  resolveStatusList: FetchDocument;
}

const purposeWords: Record<string, string> = { revocation: 'revoked', suspension: 'suspended' };

export async function checkStatus(credential: Record<string, unknown>, sources: StatusSources, base = '$'): Promise<CheckResult> {
  const entries = asList(credential.credentialStatus);
  const statusPath = jsonPath(['credentialStatus'], base);
  if (entries.length === 0) return skipped('status', 'the credential has no credentialStatus: its issuer offers no revocation or suspension', statusPath);
  const results: CheckResult[] = [];
  for (const [index, entry] of entries.entries()) {
    const path = Array.isArray(credential.credentialStatus) ? jsonPath(['credentialStatus', index], base) : statusPath;
    results.push(await checkEntry(entry, credential, sources, path));
  }
  const failure = results.find((result) => result.status === 'failed');
  if (failure !== undefined) return failure;
  if (results.length === 1 && results[0] !== undefined) return results[0];
  const notChecked = results.filter((result) => result.status === 'skipped');
  if (notChecked.length === results.length) return skipped('status', results.map((result) => result.reason).join('; '), statusPath);
  return passed('status', results.map((result) => result.reason).join('; '), statusPath);
}

async function checkEntry(entry: unknown, credential: Record<string, unknown>, sources: StatusSources, path: string): Promise<CheckResult> {
  const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  if (record.type !== 'BitstringStatusListEntry') {
    return skipped('status', `the status method ${JSON.stringify(record.type ?? null)} is not one openler checks (it checks BitstringStatusListEntry)`, path);
  }
  const url = record.statusListCredential;
  if (typeof url !== 'string') return failed('status', `${path}.statusListCredential must be the URL of the status list`, path);

  let fetched: unknown;
  try {
    fetched = await sources.resolveStatusList(url);
  } catch (error) {
    return failed('status', `the status list ${url} could not be retrieved: ${messageOf(error)}`, path);
  }
  // A status the issuer declares but nobody could read may be a revocation: unknown is not a pass.
  if (fetched === undefined) return failed('status', `could not be checked: the status list ${url} is not available offline (no local copy, and remote fetching is off; add it to the trust store or allow remote fetching)`, path);

  const list = await verifiedList(fetched, url, credential, sources);
  if ('problem' in list) return failed('status', list.problem, path);

  let check: { purpose: string; set: boolean };
  try {
    check = checkStatusEntry(entry, list.credential, { retrievedFrom: url });
  } catch (error) {
    if (error instanceof OpenlerError) return failed('status', error.message, path);
    return failed('status', `the status list ${url} could not be read: ${messageOf(error)}`, path);
  }
  const word = purposeWords[check.purpose] ?? `flagged for ${check.purpose}`;
  const index = String(record.statusListIndex);
  if (check.set) return failed('status', `${word}: bit ${index} of the ${check.purpose} list ${url} is set`, path);
  return passed('status', `not ${word}: bit ${index} of the ${check.purpose} list ${url} is clear`, path);
}

/** The status list credential, once it holds up as a credential of the same issuer. */
async function verifiedList(
  fetched: unknown,
  url: string,
  credential: Record<string, unknown>,
  sources: StatusSources,
): Promise<{ credential: Record<string, unknown> } | { problem: string }> {
  let list: Record<string, unknown>;
  let token: string | undefined;
  try {
    if (typeof fetched === 'string') {
      token = fetched.trim();
      list = readJwtCredential(token).credential;
    } else if (fetched !== null && typeof fetched === 'object' && !Array.isArray(fetched)) {
      list = fetched as Record<string, unknown>;
    } else {
      return { problem: `the status list ${url} is not a credential` };
    }
  } catch (error) {
    return { problem: `the status list ${url} is not a readable credential: ${messageOf(error)}` };
  }
  if (!typesOf(list.type).includes('BitstringStatusListCredential')) {
    return { problem: `the document at ${url} is not a BitstringStatusListCredential (type ${JSON.stringify(list.type ?? null)})` };
  }
  const listIssuer = issuerIdOf(list);
  const issuer = issuerIdOf(credential);
  if (listIssuer !== issuer) return { problem: `the status list ${url} is issued by ${listIssuer ?? '(nobody)'}, not by the credential's issuer ${issuer ?? '(none)'}` };
  const { proof, issuer: binding } = await checkProof(list, token, sources);
  if (proof.status !== 'passed') return { problem: `the status list ${url} does not verify: ${proof.reason ?? 'no valid proof'}` };
  if (binding.status === 'failed') return { problem: `the status list ${url} is not signed by its issuer: ${binding.reason ?? ''}` };
  const first = Array.isArray(list['@context']) ? list['@context'][0] : list['@context'];
  const validity = checkValidity({ credential: list, vcVersion: first === 'https://www.w3.org/2018/credentials/v1' ? 'v1' : 'v2', now: sources.now });
  if (validity.status === 'failed') return { problem: `the status list ${url} is out of date: ${validity.reason ?? ''}` };
  return { credential: list };
}
