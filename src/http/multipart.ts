import { OpenlerError } from '../common/errors.js';

/** One uploaded file of a multipart/form-data body (RFC 7578). */
export interface UploadedFile {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data content type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new OpenlerError('bad_request', 'The multipart/form-data body names no boundary in its Content-Type');
  return boundary;
}

/**
 * The file a form posted (`curl -F file=@resume.pdf`): the part named `file`,
 * else the first part that carries a filename, else the only part. Its bytes
 * are taken as they are, so binary files survive.
 */
export function uploadedFile(body: Buffer, boundary: string): UploadedFile {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ headers: string; bytes: Buffer }> = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    // "--boundary--" closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break;
    const headersStart = body.indexOf(CRLF, afterDelimiter) + CRLF.length;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersStart < CRLF.length || headersEnd < 0) break;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd);
    if (next < 0) break;
    parts.push({ headers: body.subarray(headersStart, headersEnd).toString('latin1'), bytes: body.subarray(headersEnd + HEADER_END.length, next) });
    at = next + CRLF.length;
  }
  if (parts.length === 0) throw new OpenlerError('bad_request', 'The multipart/form-data body holds no complete part: send the file as a form field named "file", or the file itself as the body');
  const described = parts.map((part) => ({
    bytes: part.bytes,
    name: /\bname="([^"]*)"/i.exec(part.headers)?.[1],
    filename: /\bfilename="([^"]*)"/i.exec(part.headers)?.[1],
    contentType: /^content-type:\s*([^\r\n]+)/im.exec(part.headers)?.[1]?.trim(),
  }));
  const chosen = described.find((part) => part.name === 'file') ?? described.find((part) => part.filename !== undefined) ?? (described.length === 1 ? described[0] : undefined);
  if (chosen === undefined) throw new OpenlerError('bad_request', 'The form has several fields and none is a file: send the document in a field named "file"');
  return {
    bytes: chosen.bytes,
    ...(chosen.filename ? { filename: chosen.filename } : {}),
    ...(chosen.contentType ? { contentType: chosen.contentType } : {}),
  };
}
