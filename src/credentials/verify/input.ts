import { OpenlerError } from '../../common/errors.js';
import { looksLikeJwt, readJwtCredential, type JwtCredential } from './jwt-credential.js';
import type { CredentialFormat } from './report.js';

/**
 * Turning what a user hands in into a credential: a parsed JSON object, JSON
 * text, a JWT, or the bytes or text of a baked PNG or SVG badge. Input that is
 * none of these is not a verification failure but unusable input: an
 * OpenlerError (bad_request) that names the problem.
 */

export interface ReadCredential {
  format: CredentialFormat;
  credential: Record<string, unknown>;
  /** Present when the credential came as a JWT (directly or baked into an image). */
  jwt?: JwtCredential & { token: string };
}

/** How baked images are opened: each returns the embedded credential text (JSON or a JWT). */
export interface BakedImageReaders {
  png(bytes: Uint8Array): string | Promise<string>;
  svg(text: string): string | Promise<string>;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= pngSignature.length && pngSignature.every((byte, index) => bytes[index] === byte);
}

function looksLikeSvg(text: string): boolean {
  return text.startsWith('<') && /<svg[\s>]/i.test(text);
}

function unusable(message: string): OpenlerError {
  return new OpenlerError('bad_request', message, { field: 'credential' });
}

/** An image reader's own failure is told as the image's problem, never as an internal error. */
async function openImage(format: 'png' | 'svg', read: () => string | Promise<string>): Promise<string> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof OpenlerError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new OpenlerError('unprocessable', `The ${format.toUpperCase()} image could not be read: ${detail}`, { field: 'credential' }, { cause: error });
  }
}

export async function readCredentialInput(input: unknown, images: BakedImageReaders): Promise<ReadCredential> {
  if (input instanceof Uint8Array) {
    if (isPng(input)) return readText(await openImage('png', () => images.png(input)), 'png');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw unusable('The input is binary but not a PNG image: expected JSON, a JWT, or a baked PNG or SVG badge');
    }
    return readInputText(text, images);
  }
  if (typeof input === 'string') return readInputText(input, images);
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const token = envelopedJwt(input as Record<string, unknown>);
    return token === undefined ? { format: 'json', credential: input as Record<string, unknown> } : fromJwt(token, 'json');
  }
  throw unusable(`Expected a credential: a JSON object, a JWT, or a baked PNG or SVG badge (got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input})`);
}

async function readInputText(raw: string, images: BakedImageReaders): Promise<ReadCredential> {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (looksLikeSvg(text)) return readText(await openImage('svg', () => images.svg(text)), 'svg');
  if (text.startsWith('<')) throw unusable('The input is markup but not an SVG image');
  return readText(text, 'json');
}

/** Credential text, as found in a file or inside a baked image: JSON or a JWT. */
function readText(raw: string, format: CredentialFormat): ReadCredential {
  const text = raw.replace(/^\uFEFF/, '').trim();
  const where = format === 'json' ? 'The input' : `The credential baked into the ${format.toUpperCase()}`;
  if (text === '') throw unusable(`${where} is empty`);
  if (looksLikeJwt(text)) return fromJwt(text, format);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw unusable(`${where} is neither JSON nor a JWT: ${detail}`);
  }
  if (typeof parsed === 'string' && looksLikeJwt(parsed.trim())) return fromJwt(parsed.trim(), format);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw unusable(`${where} is JSON but not a credential: expected an object, found ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`);
  }
  const token = envelopedJwt(parsed as Record<string, unknown>);
  return token === undefined ? { format, credential: parsed as Record<string, unknown> } : fromJwt(token, format);
}

/**
 * The VC-JWT inside a VC 2.0 EnvelopedVerifiableCredential (its id is a data:
 * URL holding the token), as VC-API issuers return them; undefined when the
 * object is not an envelope. An envelope of another media type (SD-JWT,
 * COSE) is unusable here: openler verifies VC-JWTs.
 */
export function envelopedJwt(value: Record<string, unknown>): string | undefined {
  const types = Array.isArray(value.type) ? value.type : [value.type];
  if (!types.includes('EnvelopedVerifiableCredential')) return undefined;
  const id = typeof value.id === 'string' ? value.id : '';
  const match = /^data:application\/(?:vc\+jwt|vc\+ld\+json\+jwt|jwt)(?:;[^,]*)?,(.+)$/.exec(id);
  const token = match?.[1]?.trim();
  if (token !== undefined && looksLikeJwt(token)) return token;
  const mediaType = /^data:([^,;]*)/.exec(id)?.[1];
  throw unusable(`The EnvelopedVerifiableCredential's id must be a data: URL holding a VC-JWT (application/vc+jwt)${mediaType ? `, not ${mediaType}` : ''}`);
}

function fromJwt(token: string, format: CredentialFormat): ReadCredential {
  const decoded = readJwtCredential(token);
  return { format: format === 'json' ? 'jwt' : format, credential: decoded.credential, jwt: { ...decoded, token } };
}
