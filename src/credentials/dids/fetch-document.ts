import { OpenlerError } from '../../common/errors.js';
import { isLoopback } from './controller-documents.js';

/**
 * One JSON document fetched over the network, when the configuration allows
 * it: https only (plain http to this machine, for development), a time limit,
 * a size limit, and every failure told as an OpenlerError naming the URL.
 */

const MAX_DOCUMENT_BYTES = 512 * 1024;
const ACCEPT = 'application/did+json, application/did+ld+json, application/ld+json;q=0.9, application/json;q=0.8';

function failed(url: string, why: string, reason: string, cause?: unknown): OpenlerError {
  return new OpenlerError('unprocessable', `Cannot fetch ${url}: ${why}`, { field: 'verificationMethod', reason }, cause === undefined ? undefined : { cause });
}

async function readLimited(response: Response, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_DOCUMENT_BYTES) throw failed(url, `the document is ${declared} bytes; the limit is ${MAX_DOCUMENT_BYTES}`, 'fetch_failed');
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > MAX_DOCUMENT_BYTES) throw failed(url, `the document exceeds ${MAX_DOCUMENT_BYTES} bytes`, 'fetch_failed');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function fetchJsonDocument(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const parsed = new URL(url);
  if (!(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed)))) {
    throw failed(url, 'keys are fetched over https only', 'fetch_failed');
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(parsed, { headers: { accept: ACCEPT }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw failed(url, `the server answered ${response.status} ${response.statusText}`.trim(), 'fetch_failed');
    text = await readLimited(response, url);
  } catch (error) {
    if (error instanceof OpenlerError) throw error;
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw failed(url, `no answer within ${timeoutMs} ms`, 'timeout', error);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw failed(url, cause?.code ?? cause?.message ?? (error as Error).message, 'fetch_failed', error);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw failed(url, 'the answer is not JSON', 'invalid_document', error);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw failed(url, 'the answer is not a JSON object', 'invalid_document');
  return document as Record<string, unknown>;
}
