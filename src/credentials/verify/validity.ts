import type { VcVersion } from '../model/contexts.js';
import { jsonPath } from './json-path.js';
import { failed, passed, type CheckResult } from './report.js';

/**
 * The validity window: a credential is not yet valid before validFrom (VC 2.0)
 * or issuanceDate (VC 1.1), and expired from validUntil or expirationDate on; a
 * JWT's nbf and exp claims bound it too. Reasons give the dates.
 */

export interface ValidityInput {
  credential: Record<string, unknown>;
  vcVersion?: VcVersion;
  /** The JWT claims, when the credential came in a JWT. */
  jwtPayload?: Record<string, unknown>;
  /** Open Badges 2.0 names its dates issuedOn and expires. */
  ob2?: boolean;
  now: Date;
  /** Prefix for paths of an embedded credential. */
  base?: string;
}

interface Bound {
  at: Date;
  text: string;
  /** Where the date comes from, for the reason: a JSON path or a JWT claim. */
  source: string;
  path?: string;
}

function dateField(credential: Record<string, unknown>, field: string, base: string): Bound | undefined | 'invalid' {
  const value = credential[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return 'invalid';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return 'invalid';
  const path = jsonPath([field], base);
  return { at, text: value, source: path, path };
}

function claimBound(payload: Record<string, unknown> | undefined, claim: 'nbf' | 'exp'): Bound | undefined {
  const seconds = payload?.[claim];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const at = new Date(seconds * 1000);
  return { at, text: at.toISOString(), source: `the JWT ${claim} claim` };
}

function emptyPeriod(start: Bound | undefined, end: Bound | undefined): CheckResult | undefined {
  if (start === undefined || end === undefined || start.at <= end.at) return undefined;
  return failed('validity', `the validity period is empty: ${start.source} (${start.text}) is after ${end.source} (${end.text})`, start.path);
}

/**
 * A validity period that ends before it starts (validFrom after validUntil)
 * makes a credential that is never valid: the data model forbids it, so
 * issuing refuses it as verifying does. Undefined when the period is sound.
 */
export function emptyValidityPeriod(credential: Record<string, unknown>, vcVersion: VcVersion | undefined, base = '$'): CheckResult | undefined {
  const [startField, endField] = vcVersion === 'v1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const start = dateField(credential, startField, base);
  const end = dateField(credential, endField, base);
  if (start === 'invalid' || end === 'invalid') return undefined;
  return emptyPeriod(start, end);
}

export function checkValidity(input: ValidityInput): CheckResult {
  const base = input.base ?? '$';
  const [startField, endField] = input.ob2 ? ['issuedOn', 'expires'] : input.vcVersion === 'v1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const start = dateField(input.credential, startField as string, base);
  const end = dateField(input.credential, endField as string, base);
  if (start === 'invalid' || end === 'invalid') {
    const field = start === 'invalid' ? startField : endField;
    return failed('validity', `${jsonPath([field as string], base)} is not a date`, jsonPath([field as string], base));
  }
  const empty = emptyPeriod(start, end);
  if (empty !== undefined) return empty;
  const now = input.now;
  const nowText = now.toISOString();
  const starts = [start, claimBound(input.jwtPayload, 'nbf')].filter((bound): bound is Bound => bound !== undefined);
  const ends = [end, claimBound(input.jwtPayload, 'exp')].filter((bound): bound is Bound => bound !== undefined);
  for (const bound of starts) {
    if (now < bound.at) return failed('validity', `not yet valid: valid from ${bound.text} (${bound.source}), and it is now ${nowText}`, bound.path);
  }
  for (const bound of ends) {
    if (now >= bound.at) return failed('validity', `expired: valid until ${bound.text} (${bound.source}), and it is now ${nowText}`, bound.path);
  }
  if (starts.length === 0 && ends.length === 0) return passed('validity', 'the credential states no validity period');
  const from = start === undefined ? '' : `valid from ${start.text}`;
  const until = end === undefined ? 'with no expiry' : `until ${end.text}`;
  return passed('validity', [from, until].filter((part) => part !== '').join(' '));
}
