/**
 * The one error class of openler. Every failure the core reports is an
 * OpenlerError with a code from this union; the HTTP and CLI adapters map the
 * code to a status and an exit code in one place each (see `errorStatus`).
 * `request_timeout`, `uri_too_long` and `headers_too_large` come from the HTTP
 * adapter alone: requests refused before any route runs.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'request_timeout'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'headers_too_large'
  | 'internal';

export interface ErrorDetails {
  /** The request field or input the error is about, e.g. "limit" or "body.ids". */
  field?: string;
  /** Close matches for an unknown identifier. */
  suggestions?: Array<{ id: string; name: string }>;
  /** Anything else an adapter should show. */
  [key: string]: unknown;
}

export class OpenlerError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OpenlerError';
    this.code = code;
    this.details = details;
  }
}

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  headers_too_large: 431,
  internal: 500,
};

const exitCodeByCode: Record<ErrorCode, number> = {
  bad_request: 2,
  validation_failed: 2,
  unauthorized: 3,
  forbidden: 3,
  not_found: 4,
  request_timeout: 1,
  conflict: 5,
  gone: 4,
  payload_too_large: 2,
  uri_too_long: 2,
  unsupported_media_type: 2,
  unprocessable: 2,
  headers_too_large: 2,
  internal: 1,
};

/** HTTP status for an error code. */
export function errorStatus(code: ErrorCode): number {
  return statusByCode[code];
}

/** CLI exit code for an error code. */
export function errorExitCode(code: ErrorCode): number {
  return exitCodeByCode[code];
}

/** The error as an OpenlerError, wrapping anything else as `internal`. */
export function asOpenlerError(error: unknown): OpenlerError {
  if (error instanceof OpenlerError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OpenlerError('internal', message, {}, { cause: error });
}
