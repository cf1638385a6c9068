// Format detection and text decoding for uploaded documents: magic bytes
// first, then the declared content type, then the filename's extension.
import { unzipSync } from 'fflate';

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

/** What the bytes are: one of the supported formats, or why they are not. */
export type Classified =
  | { format: DocumentFormat; text?: string }
  | { format?: undefined; reason: string };

const docxContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Content types that name one format. `text/plain` is generic and weighs less than an extension. */
const formatByContentType = new Map<string, DocumentFormat>([
  ['text/markdown', 'markdown'],
  ['text/x-markdown', 'markdown'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['application/pdf', 'pdf'],
  ['application/x-pdf', 'pdf'],
  [docxContentType, 'docx'],
]);

const formatByExtension = new Map<string, DocumentFormat>([
  ['txt', 'text'],
  ['text', 'text'],
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['html', 'html'],
  ['htm', 'html'],
  ['xhtml', 'html'],
  ['pdf', 'pdf'],
  ['docx', 'docx'],
]);

const supported = 'supported: text, Markdown, HTML, PDF and DOCX';

function startsWith(bytes: Uint8Array, signature: ReadonlyArray<number>, offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

/** Binary formats we recognise only to say clearly that they are not supported. */
const unsupportedSignatures: Array<{ bytes: number[]; also?: { bytes: number[]; offset: number }; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: ascii('GIF8'), what: 'a GIF image' },
  { bytes: ascii('RIFF'), also: { bytes: ascii('WEBP'), offset: 8 }, what: 'a WebP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: ascii('BZh'), what: 'a bzip2 archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), what: 'a RAR archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'a legacy Office file (such as .doc) or a password-protected Office document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { bytes: ascii('{\\rtf'), what: 'an RTF document' },
];

const pdfMagic = ascii('%PDF-');
const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const emptyZipMagic = [0x50, 0x4b, 0x05, 0x06];
const docxMainPart = 'word/document.xml';

/** The entry names of a ZIP archive (read from its central directory, nothing inflated), or undefined if it is unreadable. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return names;
}

function includesAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

function describeZip(names: string[]): string {
  const has = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('xl/')) return 'an Excel workbook (XLSX)';
  if (has('ppt/')) return 'a PowerPoint presentation (PPTX)';
  if (names.includes('mimetype') && has('META-INF/')) return names.includes('content.xml') ? 'an OpenDocument file' : 'an EPUB or other packaged document';
  return 'a ZIP archive without word/document.xml';
}

type Sniffed = { format: 'pdf' | 'docx' } | { other: string } | undefined;

/** What the leading bytes say, if anything. A ZIP that might be a broken DOCX is left to the hints. */
function sniff(bytes: Uint8Array): Sniffed | 'zip' {
  if (startsWith(bytes, pdfMagic)) return { format: 'pdf' };
  if (startsWith(bytes, zipMagic) || startsWith(bytes, emptyZipMagic)) {
    const names = zipEntryNames(bytes);
    if (names?.includes(docxMainPart)) return { format: 'docx' };
    // An unreadable archive whose local headers still name the main part: a damaged DOCX.
    if (names === undefined && includesAscii(bytes, docxMainPart)) return { format: 'docx' };
    if (names === undefined) return 'zip';
    return { other: describeZip(names) };
  }
  for (const signature of unsupportedSignatures) {
    if (!startsWith(bytes, signature.bytes)) continue;
    if (signature.also && !startsWith(bytes, signature.also.bytes, signature.also.offset)) continue;
    return { other: signature.what };
  }
  return undefined;
}

interface ContentType {
  type: string;
  charset?: string;
}

function parseContentType(contentType: unknown): ContentType | undefined {
  if (typeof contentType !== 'string' || contentType === '') return undefined;
  const [type = '', ...params] = contentType.split(';');
  const result: ContentType = { type: type.trim().toLowerCase() };
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(param);
    if (match?.[1]) result.charset = match[1].toLowerCase();
  }
  return result.type ? result : undefined;
}

function extensionOf(filename: unknown): string | undefined {
  if (typeof filename !== 'string') return undefined;
  const name = filename.trim();
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : name.slice(dot + 1).toLowerCase();
}

/** Decoded text, or why the bytes are not text. */
export function decodeText(bytes: Uint8Array, charset?: string): { text: string } | { reason: string } {
  let text: string | undefined;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    if (bytes.length % 2 !== 0) return { reason: 'is not valid UTF-16 text (an odd number of bytes)' };
    let units = bytes.subarray(2);
    if (bytes[0] === 0xfe) {
      units = new Uint8Array(units);
      for (let i = 0; i + 1 < units.length; i += 2) {
        const high = units[i] as number;
        units[i] = units[i + 1] as number;
        units[i + 1] = high;
      }
    }
    try {
      text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units);
    } catch {
      return { reason: 'is not valid UTF-16 text' };
    }
  } else {
    try {
      // The decoder drops a UTF-8 byte order mark.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = charset && !/^utf-?8$/.test(charset) ? decodeDeclared(bytes, charset) : undefined;
      if (text === undefined) return { reason: 'is neither UTF-8 text nor a PDF or DOCX file' };
    }
  }
  if (text.includes('\u0000')) return { reason: 'holds binary data (NUL bytes), not text' };
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) || code === 0x7f) controls += 1;
  }
  if (controls * 100 > text.length) return { reason: 'holds binary data (control characters), not text' };
  return { text };
}

function decodeDeclared(bytes: Uint8Array, charset: string): string | undefined {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 2048));
}

function hintedFormat(input: { filename?: string; contentType?: string }): { format?: DocumentFormat; charset?: string } {
  const contentType = parseContentType(input.contentType);
  const specific = contentType ? formatByContentType.get(contentType.type) : undefined;
  const extension = formatByExtension.get(extensionOf(input.filename) ?? '');
  const generic = contentType?.type === 'text/plain' ? 'text' : undefined;
  const charset = contentType?.charset;
  return { format: specific ?? extension ?? generic, ...(charset ? { charset } : {}) };
}

/**
 * Classifies the bytes: magic bytes first (PDF, DOCX and the binary formats
 * we refuse), then the content type, then the extension; unhinted bytes are
 * HTML if they open like a page and plain text if they decode as text.
 * Text formats are decoded here (`text`) so the caller decodes only once.
 */
export function classify(input: { bytes: Uint8Array; filename?: string; contentType?: string }): Classified {
  const { bytes } = input;
  const hint = hintedFormat(input);
  if (bytes.length === 0) return { format: hint.format ?? 'text', text: '' };
  const sniffed = sniff(bytes);
  if (sniffed === 'zip') {
    if (hint.format === 'docx') return { format: 'docx' };
    return { reason: `is an unreadable ZIP archive, not a document (${supported})` };
  }
  if (sniffed && 'format' in sniffed) return { format: sniffed.format };
  if (sniffed) return { reason: `looks like ${sniffed.other}, which is not a supported format (${supported})` };
  if (hint.format === 'pdf' || hint.format === 'docx') return { format: hint.format };
  const decoded = decodeText(bytes, hint.charset);
  if ('reason' in decoded) return { reason: `${decoded.reason} (${supported})` };
  const format = hint.format ?? (looksLikeHtml(decoded.text) ? 'html' : 'text');
  return { format, text: decoded.text };
}
