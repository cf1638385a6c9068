import { OpenlerError } from '../../common/errors.js';

/**
 * jsonld.js reports problems as its own errors: a document loader's failure is
 * wrapped (`details.cause`), and safe mode (which refuses to sign or verify
 * data it would silently drop) names the offending term in `details.event`.
 * These helpers turn them into one OpenlerError with a sentence a person can act on.
 */

interface JsonLdErrorShape {
  name?: unknown;
  message?: unknown;
  details?: {
    cause?: unknown;
    url?: unknown;
    event?: { code?: unknown; details?: Record<string, unknown> };
  };
  cause?: unknown;
}

/** The OpenlerError somewhere in an error's cause chain (a document loader's refusal), if any. */
export function findOpenlerError(error: unknown): OpenlerError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof OpenlerError) return current;
    const shape = current as JsonLdErrorShape;
    current = shape.details?.cause ?? shape.cause;
  }
  return undefined;
}

/** What safe mode objected to, in words. */
function describeSafeModeEvent(event: NonNullable<NonNullable<JsonLdErrorShape['details']>['event']>): string {
  const details = event.details ?? {};
  const quoted = (key: string): string => JSON.stringify(details[key]);
  switch (event.code) {
    case 'invalid property':
      return `the property ${quoted('property')} is not defined by the document's @context`;
    case 'relative @type reference':
      return `the type ${quoted('type')} is not defined by the document's @context`;
    case 'relative @id reference':
      return `the id ${quoted('id')} is not an absolute IRI`;
    case 'relative @vocab reference':
      return `the @vocab ${quoted('vocab')} is not an absolute IRI`;
    case 'empty object':
    case 'null @id value':
    case 'null @value value':
    case 'object with only @id':
    case 'object with only @language':
    case 'object with only @list':
    case 'object with @list @index':
    case 'object with only @set':
      return `it holds a value that carries no data (${String(event.code)})`;
    default:
      return `JSON-LD safe mode rejected it (${String(event.code)})`;
  }
}

/**
 * The error to report for a failed JSON-LD operation (expand, toRDF,
 * canonize) on a document: an unknown context, an undefined term, or, for
 * anything else, jsonld.js's own message.
 */
export function jsonLdFailure(error: unknown, what = 'The document'): OpenlerError {
  const fromLoader = findOpenlerError(error);
  if (fromLoader !== undefined) return fromLoader;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as JsonLdErrorShape;
  const event = shape.details?.event;
  if (shape.name === 'jsonld.ValidationError' && event !== undefined) {
    return new OpenlerError('unprocessable', `${what} cannot be processed as JSON-LD: ${describeSafeModeEvent(event)}`, { field: 'context', jsonLdCode: event.code }, { cause: error });
  }
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  return new OpenlerError('unprocessable', `${what} cannot be processed as JSON-LD: ${message}`, { field: 'context' }, { cause: error });
}
