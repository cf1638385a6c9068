import { OpenlerError } from '../common/errors.js';
import { isDid, isEmail } from '../credentials/model/web-links.js';

/**
 * Option values the core would otherwise receive unchecked: each is checked
 * here as the HTTP API's schema checks its field, and a bad one is a
 * validation error naming the option (exit 2), never a library's message.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An email address, as the HTTP API accepts it. */
export function emailOption(value: string, option: string): string {
  if (!isEmail(value) || value !== value.trim()) {
    throw new OpenlerError('validation_failed', `--${option} must be an email address, not ${value}`, { field: option });
  }
  return value;
}

/** A DID, as the HTTP API accepts it (did:method:identifier). */
export function didOption(value: string, option: string): string {
  if (!isDid(value)) throw new OpenlerError('validation_failed', `--${option} must be a DID such as did:key:z6Mk..., not ${value}`, { field: option });
  return value;
}

/**
 * A moment: an RFC 3339 date-time with its offset (2027-06-30T17:00:00Z), or a
 * plain date (2027-06-30), which means that day's start in UTC.
 * Answers the ISO form the core expects.
 */
export function dateTimeOption(value: string, option: string): string {
  const trimmed = value.trim();
  const parts = datePattern.exec(trimmed) ?? dateTimePattern.exec(trimmed);
  const text = datePattern.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  const time = Date.parse(text);
  if (parts === null || Number.isNaN(time) || !isCalendarDay(Number(parts[1]), Number(parts[2]), Number(parts[3]))) {
    throw new OpenlerError('validation_failed', `--${option} must be a date (2027-06-30) or a date-time with its time zone (2027-06-30T17:00:00Z), not ${value}`, { field: option });
  }
  return new Date(time).toISOString();
}

/** A number of zero or more, such as credits. */
export function nonNegativeNumberOption(value: string, option: string): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number) || number < 0) throw new OpenlerError('validation_failed', `--${option} must be a non-negative number, not ${value}`, { field: option });
  return number;
}

/** Date.parse rolls 2027-02-30 over to March: the day must exist in its month. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
