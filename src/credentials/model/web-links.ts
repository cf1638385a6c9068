import { Type } from 'typebox';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { OpenlerError } from '../../common/errors.js';

/**
 * Links openler writes into the credentials it signs (an issuer's web page,
 * an image, a criteria page). Wallets and verifiers render them as links and
 * images, so only web URLs (and, for images, data: images) are accepted: a
 * `javascript:` or `file:` URL signed into a credential would be a trap for
 * whoever displays it.
 */
export const WebUrl = Type.String({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', description: 'An http(s) URL' });
export const ImageUrl = Type.String({ format: 'uri', pattern: '^(?:[Hh][Tt][Tt][Pp][Ss]?://|data:image/)', description: 'An http(s) URL or a data: image' });

/** Throws validation_failed naming `field` unless `value` is absent or an http(s) URL (or, for images, a data: image). */
export function requireWebLink(value: string | undefined, field: string, kind: 'page' | 'image' = 'page'): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const web = url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
  const dataImage = kind === 'image' && /^data:image\/[a-z0-9.+-]+[;,]/i.test(value);
  if (!web && !dataImage) {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    throw new OpenlerError('validation_failed', `${field} must be an http(s) URL${kind === 'image' ? ' or a data: image' : ''} (got ${JSON.stringify(shown)})`, { field });
  }
}

// One definition of each for the whole product: the HTTP schemas' (ajv-formats' full email format; did:method:identifier).
const emailFormat = fullFormats.email;
/** A DID as openler accepts one for a recipient; also the pattern of the HTTP schema's field. */
export const didPattern = '^did:[a-z0-9]+:.+$';
const did = new RegExp(didPattern);

/** Whether `value` is an email address as the HTTP API accepts it (around its spaces, which callers trim). */
export function isEmail(value: string): boolean {
  return emailFormat instanceof RegExp && emailFormat.test(value.trim());
}

/** Whether `value` is a DID (did:method:identifier). */
export function isDid(value: string): boolean {
  return did.test(value);
}

/** Throws validation_failed naming `field` unless `value` is absent or an email address. */
export function requireEmail(value: string | undefined, field: string): void {
  if (value !== undefined && !isEmail(value)) throw new OpenlerError('validation_failed', `${field} must be an email address (got ${JSON.stringify(value)})`, { field });
}

/** Throws validation_failed naming `field` unless `value` is absent or a DID. */
export function requireDid(value: string | undefined, field: string): void {
  if (value !== undefined && !isDid(value)) throw new OpenlerError('validation_failed', `${field} must be a DID (did:method:identifier), not ${JSON.stringify(value)}`, { field });
}
