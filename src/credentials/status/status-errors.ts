import { OpenlerError } from '../../common/errors.js';

/**
 * Status problems are problems of the documents handed in (the credential's
 * entry, the published list), so they are `unprocessable`; `details.statusError`
 * names the Bitstring Status List processing error (section "Processing
 * Errors") for adapters that report it, such as the VC-API verifier.
 */

/** The processing error names of the specification, carried in `details.statusError`. */
export type StatusProcessingError = 'MALFORMED_VALUE_ERROR' | 'STATUS_VERIFICATION_ERROR' | 'STATUS_LIST_LENGTH_ERROR' | 'RANGE_ERROR';

export function statusError(statusError: StatusProcessingError, message: string, details: Record<string, unknown> = {}): OpenlerError {
  return new OpenlerError('unprocessable', message, { ...details, statusError });
}
