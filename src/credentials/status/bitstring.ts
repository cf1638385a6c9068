import { gunzipSync, gzipSync } from 'node:zlib';
import { OpenlerError } from '../../common/errors.js';
import { statusError } from './status-errors.js';

/**
 * The bitstring of a W3C Bitstring Status List (v1.0): one bit per issued
 * credential, index 0 being the most significant bit of the first byte,
 * published as GZIP then multibase base64url (a `u` and no padding).
 * Only one-bit entries are handled, which the specification allows.
 */

/** The specification's minimum (16 KiB of bits): a list this long hides each holder in a large group. */
export const MIN_STATUS_LIST_ENTRIES = 131_072;

/**
 * The largest uncompressed list openler decodes: 16 MiB, 134 million entries.
 * A few hundred bytes of GZIP can expand to gigabytes, so decoding stops here.
 */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

const MULTIBASE_BASE64URL = 'u';
const base64url = /^[A-Za-z0-9_-]*$/;

function malformedList(message: string): OpenlerError {
  return statusError('MALFORMED_VALUE_ERROR', `The status list's encodedList ${message}`, { field: 'credentialSubject.encodedList' });
}

export class StatusBitstring {
  private constructor(private readonly bytes: Uint8Array) {}

  /** A list of `entries` bits, all clear: at least the specification's minimum, a whole number of bytes. */
  static create(entries: number = MIN_STATUS_LIST_ENTRIES): StatusBitstring {
    if (!Number.isSafeInteger(entries) || entries < MIN_STATUS_LIST_ENTRIES || entries % 8 !== 0 || entries / 8 > MAX_STATUS_LIST_BYTES) {
      throw new OpenlerError(
        'validation_failed',
        `A status list holds a multiple of 8 entries from ${MIN_STATUS_LIST_ENTRIES.toLocaleString('en-US')} to ${(MAX_STATUS_LIST_BYTES * 8).toLocaleString('en-US')} (got ${entries})`,
        { field: 'entries' },
      );
    }
    return new StatusBitstring(new Uint8Array(entries / 8));
  }

  /** The list inside an encodedList value; its length is whatever the issuer published. */
  static decode(encodedList: unknown): StatusBitstring {
    if (typeof encodedList !== 'string' || encodedList === '') throw malformedList('is missing or not a string');
    if (!encodedList.startsWith(MULTIBASE_BASE64URL)) {
      throw malformedList(`must be multibase base64url, starting with "u" (it starts with "${encodedList.slice(0, 8)}")`);
    }
    const body = encodedList.slice(1);
    if (!base64url.test(body)) throw malformedList('holds characters outside base64url (A-Z, a-z, 0-9, "-" and "_", no padding)');
    let bytes: Uint8Array;
    try {
      bytes = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: MAX_STATUS_LIST_BYTES });
    } catch (error) {
      if (error instanceof RangeError) {
        throw new OpenlerError('payload_too_large', `The status list expands past ${MAX_STATUS_LIST_BYTES} bytes, the most openler reads`, {
          field: 'credentialSubject.encodedList',
          limit: MAX_STATUS_LIST_BYTES,
        });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw malformedList(`is not GZIP-compressed data (${detail})`);
    }
    if (bytes.length === 0) throw malformedList('expands to an empty bitstring');
    return new StatusBitstring(new Uint8Array(bytes));
  }

  /** A list over stored bytes (bit 0 is the high bit of the first byte); the bytes are copied. */
  static fromBytes(bytes: Uint8Array): StatusBitstring {
    if (bytes.length * 8 < MIN_STATUS_LIST_ENTRIES || bytes.length > MAX_STATUS_LIST_BYTES) {
      throw new OpenlerError('internal', `A stored status list of ${bytes.length} bytes is outside the allowed size`);
    }
    return new StatusBitstring(new Uint8Array(bytes));
  }

  /** The bits as bytes, for storage. */
  toBytes(): Uint8Array {
    return new Uint8Array(this.bytes);
  }

  /** The number of entries (bits). */
  get length(): number {
    return this.bytes.length * 8;
  }

  private position(index: number): { byte: number; mask: number } {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) {
      throw statusError('RANGE_ERROR', `Status list index ${index} is outside the list (0 to ${this.length - 1})`, { field: 'statusListIndex' });
    }
    return { byte: index >>> 3, mask: 0x80 >>> (index & 7) };
  }

  get(index: number): boolean {
    const { byte, mask } = this.position(index);
    return ((this.bytes[byte] ?? 0) & mask) !== 0;
  }

  set(index: number, value = true): void {
    const { byte, mask } = this.position(index);
    const current = this.bytes[byte] ?? 0;
    this.bytes[byte] = value ? current | mask : current & ~mask;
  }

  clear(index: number): void {
    this.set(index, false);
  }

  /** The encodedList value: GZIP, then base64url without padding, behind the multibase prefix `u`. */
  encode(): string {
    return MULTIBASE_BASE64URL + gzipSync(this.bytes, { level: 9 }).toString('base64url');
  }
}
