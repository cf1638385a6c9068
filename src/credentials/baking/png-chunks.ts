import { crc32 } from 'node:zlib';
import { OpenlerError } from '../../common/errors.js';
import { assertImageSize } from './limits.js';

/**
 * The PNG datastream as chunks (PNG specification, "Datastream structure"):
 * an 8-byte signature, then chunks of length (4 bytes, big-endian), type
 * (4 ASCII letters), data and a CRC-32 over type and data, from IHDR to IEND.
 * Reading checks all of it, so a damaged file is named as such instead of
 * yielding half a credential.
 */

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** The PNG specification's bound on a chunk's data length (2^31 - 1). */
const MAX_CHUNK_LENGTH = 0x7fffffff;

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  data: Uint8Array;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

function damaged(message: string, offset: number): OpenlerError {
  return new OpenlerError('unprocessable', `The PNG image is damaged: ${message}`, { field: 'image', offset });
}

function isChunkTypeByte(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * Every chunk of a PNG from IHDR to IEND, each CRC checked. Bytes after IEND
 * are not part of the image and are left out.
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  assertImageSize(bytes.length, 'The image');
  if (!hasPngSignature(bytes)) {
    const isSignaturePrefix = bytes.length > 0 && bytes.length < PNG_SIGNATURE.length && bytes.every((byte, index) => byte === PNG_SIGNATURE[index]);
    if (isSignaturePrefix) throw damaged(`the file ends after ${bytes.length} bytes, inside the signature`, 0);
    throw new OpenlerError('unsupported_media_type', 'The image is not a PNG: it does not start with the PNG signature', { field: 'image' });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (offset + 8 > bytes.length) {
      throw damaged(chunks.length === 0 ? 'the file ends right after the signature' : `the file ends at byte ${bytes.length} before the IEND chunk (truncated)`, offset);
    }
    const length = view.getUint32(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    if (!typeBytes.every(isChunkTypeByte)) throw damaged(`the chunk at byte ${offset} has no valid type (4 ASCII letters)`, offset);
    const type = String.fromCharCode(...typeBytes);
    if (length > MAX_CHUNK_LENGTH) throw damaged(`chunk ${type} at byte ${offset} declares an impossible length of ${length} bytes`, offset);
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw damaged(`chunk ${type} at byte ${offset} declares ${length} bytes of data but the file ends at byte ${bytes.length} (truncated)`, offset);
    }
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length));
    if (stored !== computed) throw damaged(`chunk ${type} at byte ${offset} fails its CRC check`, offset);
    if (chunks.length === 0 && type !== 'IHDR') throw damaged(`the first chunk is ${type}, not IHDR`, offset);
    chunks.push({ type, offset, data: bytes.subarray(offset + 8, offset + 8 + length) });
    if (type === 'IEND') return chunks;
    offset = end;
  }
}

/** A chunk as bytes: length, type, data and its CRC. */
export function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let index = 0; index < 4; index += 1) out[4 + index] = type.charCodeAt(index);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG made of these chunks, in order. */
export function writePng(chunks: readonly Uint8Array[]): Uint8Array {
  const size = PNG_SIGNATURE.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
