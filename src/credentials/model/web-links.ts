import { Type } from 'typebox';
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

/** Throws validation_failed naming `field` unless `value` is absent or looks like an email address (around its spaces, which callers trim). */
export function requireEmail(value: string | undefined, field: string): void {
  if (value === undefined) return;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) throw new OpenlerError('validation_failed', `${field} must be an email address (got ${JSON.stringify(value)})`, { field });
}
