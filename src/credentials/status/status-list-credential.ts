import { OpenlerError } from '../../common/errors.js';
import { MIN_STATUS_LIST_ENTRIES, StatusBitstring } from './bitstring.js';
import { statusError } from './status-errors.js';

/**
 * The two documents of a Bitstring Status List (W3C, v1.0): the status list
 * credential an issuer publishes (unsigned here; the proofs module signs it),
 * the `credentialStatus` entry each issued credential carries, and the check
 * of one against the other (the specification's validate algorithm, after
 * the list has been retrieved and its proof verified).
 */

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** The purposes openler publishes lists for. */
export type StatusPurpose = 'revocation' | 'suspension';
export const statusPurposesIssued: readonly StatusPurpose[] = ['revocation', 'suspension'];

export interface BitstringStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string | ({ id: string } & Record<string, unknown>);
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

export interface StatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** A base-10 string, as the specification requires. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface StatusCheck {
  purpose: string;
  /** True when the credential's bit is set: revoked, or suspended, as the purpose says. */
  set: boolean;
}

function invalid(field: string, message: string): OpenlerError {
  return new OpenlerError('validation_failed', message, { field });
}

function assertPurpose(purpose: unknown): asserts purpose is StatusPurpose {
  if (!statusPurposesIssued.includes(purpose as StatusPurpose)) {
    throw invalid('statusPurpose', `A status purpose is ${statusPurposesIssued.join(' or ')} (got ${JSON.stringify(purpose)})`);
  }
}

/** The URL in its normal form (so that equal URLs compare equal), or undefined when it is not an absolute URL. */
function normalisedUrl(value: string): string | undefined {
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
}

function assertListUrl(url: unknown, field: string): asserts url is string {
  if (typeof url !== 'string' || normalisedUrl(url) === undefined) throw invalid(field, `A status list URL must be an absolute URL (got ${JSON.stringify(url)})`);
  if (url.includes('#')) throw invalid(field, `A status list URL has no fragment (got ${url})`);
}

function isoTime(value: string | Date, field: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw invalid(field, `${field} is not a date-time (got ${String(value)})`);
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

export interface StatusListCredentialInput {
  /** The URL the list is published at; it is also the credential's id. */
  url: string;
  issuer: BitstringStatusListCredential['issuer'];
  statusPurpose: StatusPurpose;
  list: StatusBitstring;
  /** When the published state starts to hold; now when absent. */
  validFrom?: string | Date;
  /** When verifiers should fetch a fresh list. */
  validUntil?: string | Date;
}

/** The unsigned BitstringStatusListCredential for a list's current state. */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  assertListUrl(input.url, 'url');
  assertPurpose(input.statusPurpose);
  const issuerId = typeof input.issuer === 'string' ? input.issuer : input.issuer.id;
  if (typeof issuerId !== 'string' || normalisedUrl(issuerId) === undefined) throw invalid('issuer', `The issuer must be a URL or DID (got ${JSON.stringify(issuerId)})`);
  if (input.list.length < MIN_STATUS_LIST_ENTRIES) {
    throw invalid('list', `A published status list holds at least ${MIN_STATUS_LIST_ENTRIES.toLocaleString('en-US')} entries (this one has ${input.list.length})`);
  }
  const credential: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: isoTime(input.validFrom ?? new Date(), 'validFrom'),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose,
      encodedList: input.list.encode(),
    },
  };
  if (input.validUntil !== undefined) credential.validUntil = isoTime(input.validUntil, 'validUntil');
  return credential;
}

/** The `credentialStatus` entry pointing at one position of a published list. */
export function buildStatusEntry(input: { listUrl: string; statusPurpose: StatusPurpose; index: number }): StatusListEntry {
  assertListUrl(input.listUrl, 'listUrl');
  assertPurpose(input.statusPurpose);
  if (!Number.isSafeInteger(input.index) || input.index < 0) throw invalid('index', `A status list index is a non-negative integer (got ${input.index})`);
  return {
    id: `${input.listUrl}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.statusPurpose,
    statusListIndex: String(input.index),
    statusListCredential: input.listUrl,
  };
}

// Reading documents from elsewhere: each malformed value is named.

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function malformed(field: string, message: string): OpenlerError {
  return statusError('MALFORMED_VALUE_ERROR', message, { field });
}

function hasType(value: unknown, type: string): boolean {
  return value === type || (Array.isArray(value) && value.includes(type));
}

function entryIndex(value: unknown): number {
  // The specification writes the index as a base-10 string; plain numbers are common in the wild and read too.
  const index = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    throw malformed('credentialStatus.statusListIndex', `statusListIndex must be a non-negative integer written in base 10 (got ${JSON.stringify(value)})`);
  }
  return index;
}

function listSubject(list: Record<string, unknown>): Record<string, unknown> {
  const subject = Array.isArray(list.credentialSubject) && list.credentialSubject.length === 1 ? list.credentialSubject[0] : list.credentialSubject;
  if (!isObject(subject)) throw malformed('credentialSubject', 'The status list credential has no credentialSubject object');
  if (!hasType(subject.type, 'BitstringStatusList')) {
    throw malformed('credentialSubject.type', `The status list's credentialSubject is not a BitstringStatusList (type ${JSON.stringify(subject.type)})`);
  }
  return subject;
}

function listPurposes(subject: Record<string, unknown>): string[] {
  const purposes = Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose];
  if (purposes.length === 0 || !purposes.every((purpose): purpose is string => typeof purpose === 'string' && purpose !== '')) {
    throw malformed('credentialSubject.statusPurpose', `The status list's statusPurpose must be a string or strings (got ${JSON.stringify(subject.statusPurpose)})`);
  }
  return purposes;
}

export interface StatusCheckOptions {
  /**
   * The URL the list credential was actually retrieved from. When given, the
   * entry must name it; when absent, the entry must name the list's own id.
   */
  retrievedFrom?: string;
}

/**
 * Whether a credential's status bit is set in the list its entry points to.
 * The list credential is the one retrieved from the entry's URL, its proof
 * already verified; every way the two disagree is a clear, specific error.
 */
export function checkStatusEntry(entry: unknown, statusListCredential: unknown, options: StatusCheckOptions = {}): StatusCheck {
  if (!isObject(entry)) throw malformed('credentialStatus', 'The credential status entry is not an object');
  if (entry.type !== 'BitstringStatusListEntry') {
    throw malformed('credentialStatus.type', `The credential status entry is not a BitstringStatusListEntry (type ${JSON.stringify(entry.type)})`);
  }
  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || purpose === '') throw malformed('credentialStatus.statusPurpose', 'The credential status entry has no statusPurpose');
  const index = entryIndex(entry.statusListIndex);
  if (entry.statusSize !== undefined && entry.statusSize !== 1) {
    throw malformed('credentialStatus.statusSize', `Only one-bit status entries are supported (statusSize ${JSON.stringify(entry.statusSize)})`);
  }
  const entryUrl = entry.statusListCredential;
  if (typeof entryUrl !== 'string' || normalisedUrl(entryUrl) === undefined) {
    throw malformed('credentialStatus.statusListCredential', `statusListCredential must be a URL (got ${JSON.stringify(entryUrl)})`);
  }

  if (!isObject(statusListCredential)) throw malformed('statusListCredential', 'The status list credential is not an object');
  if (!hasType(statusListCredential.type, 'BitstringStatusListCredential')) {
    throw malformed('statusListCredential.type', `The status list credential is not a BitstringStatusListCredential (type ${JSON.stringify(statusListCredential.type)})`);
  }
  const listUrl = options.retrievedFrom ?? statusListCredential.id;
  if (typeof listUrl !== 'string') {
    throw statusError('STATUS_VERIFICATION_ERROR', 'The status list credential has no id, so it cannot be matched to the entry: give the URL it was retrieved from', {
      field: 'statusListCredential.id',
    });
  }
  if (normalisedUrl(listUrl) !== normalisedUrl(entryUrl)) {
    const source = options.retrievedFrom === undefined ? 'is the list' : 'was retrieved from';
    throw statusError('STATUS_VERIFICATION_ERROR', `The entry points to the status list ${entryUrl}, but the list given ${source} ${listUrl}`, {
      field: 'credentialStatus.statusListCredential',
    });
  }

  const subject = listSubject(statusListCredential);
  const purposes = listPurposes(subject);
  if (!purposes.includes(purpose)) {
    throw statusError('STATUS_VERIFICATION_ERROR', `The entry's statusPurpose is ${purpose}, but the list ${entryUrl} is for ${purposes.join(', ')}`, {
      field: 'credentialStatus.statusPurpose',
    });
  }
  const list = StatusBitstring.decode(subject.encodedList);
  if (list.length < MIN_STATUS_LIST_ENTRIES) {
    throw statusError(
      'STATUS_LIST_LENGTH_ERROR',
      `The status list ${entryUrl} has ${list.length.toLocaleString('en-US')} entries, fewer than the ${MIN_STATUS_LIST_ENTRIES.toLocaleString('en-US')} required for privacy`,
      { field: 'credentialSubject.encodedList' },
    );
  }
  if (index >= list.length) {
    throw statusError('RANGE_ERROR', `statusListIndex ${index} is outside the status list ${entryUrl}, which has ${list.length.toLocaleString('en-US')} entries`, {
      field: 'credentialStatus.statusListIndex',
    });
  }
  return { purpose, set: list.get(index) };
}
