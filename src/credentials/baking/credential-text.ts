import { OpenlerError } from '../../common/errors.js';

/**
 * What a baked image carries (Open Badges 3.0, "Baked Badge"): the JSON of a
 * credential secured with an embedded proof, or the compact JWS of a VC-JWT.
 * Both image formats share the conversion to and from that text.
 */

export type BakedCredential = Record<string, unknown> | string;

export interface CredentialText {
  kind: 'json' | 'jwt';
  text: string;
}

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function isCompactJws(text: string): boolean {
  return compactJws.test(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function badCredential(message: string): OpenlerError {
  return new OpenlerError('bad_request', message, { field: 'credential' });
}

/**
 * The text to bake for a credential given as an object, as a compact JWT, or as
 * JSON text of an object (kept as written, since its author may have formatted it).
 */
export function credentialTextToBake(credential: object | string): CredentialText {
  if (typeof credential === 'string') {
    const text = credential.trim();
    if (isCompactJws(text)) return { kind: 'jwt', text };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badCredential('The credential to bake is a string but neither a compact JWT (header.payload.signature) nor JSON');
    }
    if (!isPlainObject(parsed)) throw badCredential('The credential to bake is JSON but not an object');
    return { kind: 'json', text };
  }
  if (!isPlainObject(credential)) throw badCredential('The credential to bake must be an object or a compact JWT');
  let text: string;
  try {
    text = JSON.stringify(credential);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badCredential(`The credential to bake cannot be written as JSON: ${detail}`);
  }
  return { kind: 'json', text };
}

/**
 * The credential found in an image: the parsed JSON object, or the compact JWT
 * as a string. `where` names the image in messages ("the PNG", "the SVG").
 */
export function credentialFromBakedText(raw: string, where: string): BakedCredential {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new OpenlerError('unprocessable', `The credential baked into ${where} is empty`);
  if (isCompactJws(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new OpenlerError('unprocessable', `The credential baked into ${where} is neither JSON nor a compact JWT: ${detail}`);
  }
  // Some bakers store a JWT as a JSON string; it is still the credential.
  if (typeof parsed === 'string' && isCompactJws(parsed.trim())) return parsed.trim();
  if (!isPlainObject(parsed)) {
    const found = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed;
    throw new OpenlerError('unprocessable', `The credential baked into ${where} is JSON but not an object (found ${found})`);
  }
  return parsed;
}
