// Documents to text for the skill extractor: plain text, Markdown, HTML, PDF and DOCX.
// Every failure is an OpenlerError: `payload_too_large` over `maxDocumentBytes`,
// `unsupported_media_type` for bytes that are none of these formats, and
// `unprocessable` for a PDF or DOCX that cannot be read. Details name the field `file`.
import { OpenlerError } from '../../common/errors.js';
import { classify, type DocumentFormat } from './detect.js';
import { docxText, maxDocumentXmlBytes } from './docx.js';
import { htmlText } from './html.js';
import { markdownText } from './markdown.js';
import { pdfText } from './pdf.js';

export type { DocumentFormat } from './detect.js';

export interface DocumentInput {
  bytes: Uint8Array;
  /** The uploaded file's name; its extension is a hint after the magic bytes and the content type. */
  filename?: string;
  /** The declared media type, e.g. `text/html; charset=utf-8`. */
  contentType?: string;
}

export interface DocumentText {
  text: string;
  format: DocumentFormat;
}

/** The largest document accepted: 10 MiB. */
export const maxDocumentBytes = 10 * 1024 * 1024;

const formatNames: Record<DocumentFormat, string> = {
  text: 'text',
  markdown: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'DOCX',
};

function labelOf(input: DocumentInput | undefined): string {
  const name = typeof input?.filename === 'string' ? input.filename.trim() : '';
  return name === '' ? 'the document' : name;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/**
 * The format of the document, or undefined if it is none we read: magic bytes
 * first (PDF, DOCX, and binary formats we refuse), then the content type, then
 * the extension; a bare `text/plain` counts less than an extension (`.md` sent
 * as text/plain is Markdown). Unhinted bytes are HTML if they open with
 * `<!doctype html>` or `<html>`, else text if they decode as text.
 */
export function detectFormat(input: DocumentInput): DocumentFormat | undefined {
  if (!(input?.bytes instanceof Uint8Array)) return undefined;
  return classify(input).format;
}

/**
 * The text of a document, with line breaks as LF. Throws only OpenlerError:
 * `payload_too_large`, `unsupported_media_type` or `unprocessable` (also for
 * anything unexpected while reading), each with `details.field` = `file`.
 */
export async function documentText(input: DocumentInput): Promise<DocumentText> {
  const label = labelOf(input);
  try {
    return await readDocument(input, label);
  } catch (error) {
    if (error instanceof OpenlerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpenlerError('unprocessable', `${label}: the document could not be read (${reason})`, { field: 'file' }, { cause: error });
  }
}

async function readDocument(input: DocumentInput, label: string): Promise<DocumentText> {
  if (!(input?.bytes instanceof Uint8Array)) {
    throw new OpenlerError('bad_request', `${label}: the document's bytes are missing`, { field: 'file' });
  }
  const size = input.bytes.byteLength;
  if (size > maxDocumentBytes) {
    throw new OpenlerError(
      'payload_too_large',
      `${label}: the document is larger than the ${mebibytes(maxDocumentBytes)} limit (${size} bytes)`,
      { field: 'file', limit: maxDocumentBytes },
    );
  }
  const classified = classify(input);
  if (classified.format === undefined) {
    throw new OpenlerError('unsupported_media_type', `${label}: ${classified.reason}`, { field: 'file' });
  }
  const { format } = classified;
  if (size === 0) return { text: '', format };
  try {
    return { text: await extract(format, input.bytes, classified.text ?? '', label), format };
  } catch (error) {
    if (error instanceof OpenlerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpenlerError('unprocessable', `${label}: the ${formatNames[format]} document could not be read (${reason})`, { field: 'file' }, { cause: error });
  }
}

async function extract(format: DocumentFormat, bytes: Uint8Array, decoded: string, label: string): Promise<string> {
  switch (format) {
    case 'text':
      return normaliseNewlines(decoded);
    case 'markdown':
      return markdownText(normaliseNewlines(decoded));
    case 'html':
      return htmlText(decoded);
    case 'docx': {
      const result = docxText(bytes);
      if ('text' in result) return result.text;
      if (result.problem === 'too_large') {
        throw new OpenlerError(
          'payload_too_large',
          `${label}: the DOCX document unpacks to more than ${mebibytes(maxDocumentXmlBytes)} of text markup`,
          { field: 'file', limit: maxDocumentXmlBytes },
        );
      }
      throw new OpenlerError('unprocessable', `${label}: not a readable DOCX document (${result.detail})`, { field: 'file' });
    }
    case 'pdf': {
      const result = await pdfText(bytes);
      if ('text' in result) return result.text;
      throw new OpenlerError('unprocessable', `${label}: not a readable PDF document (${result.detail})`, { field: 'file' });
    }
  }
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
