import { inflateSync } from 'node:zlib';
import { OpenlerError } from '../../common/errors.js';
import { credentialFromBakedText, credentialTextToBake, type BakedCredential } from './credential-text.js';
import { assertImageSize, MAX_BADGE_IMAGE_BYTES } from './limits.js';
import { encodePngChunk, readPngChunks, writePng, type PngChunk } from './png-chunks.js';

/**
 * Baked PNG badges (Open Badges 3.0, "Baked Badge" / PNG): the credential is
 * the text of an iTXt chunk with the keyword `openbadgecredential`, written
 * uncompressed, with empty language tag and translated keyword. An image holds
 * at most one such chunk, so baking replaces any earlier one.
 */

export const PNG_CREDENTIAL_KEYWORD = 'openbadgecredential';

const keywordBytes = new TextEncoder().encode(PNG_CREDENTIAL_KEYWORD);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isCredentialChunk(chunk: PngChunk): boolean {
  if (chunk.type !== 'iTXt' || chunk.data.length <= keywordBytes.length) return false;
  return chunk.data[keywordBytes.length] === 0 && keywordBytes.every((byte, index) => chunk.data[index] === byte);
}

/** The iTXt data: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, text. */
function credentialChunkData(text: string): Uint8Array {
  const textBytes = new TextEncoder().encode(text);
  const header = keywordBytes.length + 5;
  const data = new Uint8Array(header + textBytes.length);
  data.set(keywordBytes, 0);
  // The five bytes after the keyword stay zero: separator, flag, method and the two empty fields' separators.
  data.set(textBytes, header);
  return data;
}

function malformedChunk(message: string, chunk: PngChunk): OpenlerError {
  return new OpenlerError('unprocessable', `The PNG's ${PNG_CREDENTIAL_KEYWORD} chunk is malformed: ${message}`, { field: 'image', offset: chunk.offset });
}

/** The text of an `openbadgecredential` iTXt chunk. Compressed text is read too, although bakers must not write it. */
function chunkText(chunk: PngChunk): string {
  const data = chunk.data;
  let position = keywordBytes.length + 1;
  const compressed = data[position];
  const method = data[position + 1];
  if (compressed === undefined || method === undefined) throw malformedChunk('it ends before the compression fields', chunk);
  position += 2;
  const languageEnd = data.indexOf(0, position);
  if (languageEnd === -1) throw malformedChunk('the language tag is not terminated', chunk);
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd === -1) throw malformedChunk('the translated keyword is not terminated', chunk);
  let textBytes = data.subarray(translatedEnd + 1);
  if (compressed === 1) {
    if (method !== 0) throw malformedChunk(`unknown compression method ${method}`, chunk);
    try {
      textBytes = inflateSync(textBytes, { maxOutputLength: MAX_BADGE_IMAGE_BYTES });
    } catch (error) {
      if (error instanceof RangeError) {
        throw new OpenlerError('payload_too_large', `The PNG's compressed credential inflates past ${MAX_BADGE_IMAGE_BYTES} bytes`, { field: 'image', limit: MAX_BADGE_IMAGE_BYTES });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw malformedChunk(`its compressed text cannot be inflated (${detail})`, chunk);
    }
  } else if (compressed !== 0) {
    throw malformedChunk(`the compression flag is ${compressed}, expected 0 or 1`, chunk);
  }
  try {
    return utf8.decode(textBytes);
  } catch {
    throw malformedChunk('its text is not UTF-8', chunk);
  }
}

/**
 * The PNG with the credential baked in, just before IEND, replacing any
 * credential it held. The credential is an object (written as JSON), JSON
 * text, or a compact JWT. The other chunks are kept byte for byte.
 */
export function bakePng(pngBytes: Uint8Array, credential: object | string): Uint8Array {
  const { text } = credentialTextToBake(credential);
  const chunks = readPngChunks(pngBytes);
  const kept = chunks.filter((chunk) => chunk.type !== 'IEND' && !isCredentialChunk(chunk));
  const iend = chunks[chunks.length - 1];
  if (iend === undefined) throw new OpenlerError('internal', 'A parsed PNG always ends with IEND');
  const baked = writePng([
    ...kept.map((chunk) => pngBytes.subarray(chunk.offset, chunk.offset + 12 + chunk.data.length)),
    encodePngChunk('iTXt', credentialChunkData(text)),
    encodePngChunk('IEND', iend.data),
  ]);
  assertImageSize(baked.length, 'The baked image');
  return baked;
}

/** The text baked into a PNG (JSON or a compact JWT), or undefined when it holds none. */
export function extractPngCredentialText(bytes: Uint8Array): string | undefined {
  const chunk = readPngChunks(bytes).find(isCredentialChunk);
  return chunk === undefined ? undefined : chunkText(chunk);
}

/**
 * The credential baked into a PNG: the JSON object, or the compact JWT as a
 * string; undefined when the image has no `openbadgecredential` chunk.
 */
export function readBakedPng(bytes: Uint8Array): BakedCredential | undefined {
  const text = extractPngCredentialText(bytes);
  return text === undefined ? undefined : credentialFromBakedText(text, 'the PNG');
}

export { PNG_SIGNATURE, hasPngSignature } from './png-chunks.js';
