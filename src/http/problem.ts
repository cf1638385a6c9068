import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { asOpenlerError, errorStatus, OpenlerError, type ErrorCode } from '../common/errors.js';

/** RFC 9457 problem details, the body of every error answer. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  code: Type.String(),
  field: Type.Optional(Type.String()),
  suggestions: Type.Optional(Type.Array(Type.Object({ id: Type.String(), name: Type.String() }))),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Invalid request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  request_timeout: 'Request timeout',
  conflict: 'Conflict',
  gone: 'Gone',
  payload_too_large: 'Payload too large',
  uri_too_long: 'URI too long',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  headers_too_large: 'Request headers too large',
  internal: 'Internal error',
};

/** One Ajv error as Fastify passes it on. */
interface ValidationIssue {
  instancePath: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const listed = (values: unknown[]) => values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');

/**
 * Says which values are allowed where Ajv only says one is not. A union of
 * literals fails as one "must be equal to constant" per branch, then "must
 * match a schema in anyOf"; those become one "must be one of a, b, c".
 */
function withAllowedValues(issues: ValidationIssue[]): ValidationIssue[] {
  const result: ValidationIssue[] = [];
  for (let at = 0; at < issues.length; at += 1) {
    const issue = issues[at] as ValidationIssue;
    if (issue.keyword === 'enum' && Array.isArray(issue.params?.allowedValues)) {
      result.push({ ...issue, message: `must be one of ${listed(issue.params.allowedValues)}` });
      continue;
    }
    let end = at;
    const allowed: unknown[] = [];
    while (issues[end]?.keyword === 'const' && issues[end]?.instancePath === issue.instancePath) {
      allowed.push(issues[end]?.params?.allowedValue);
      end += 1;
    }
    const union = issues[end];
    if (allowed.length > 0 && union?.keyword === 'anyOf' && union.instancePath === issue.instancePath) {
      result.push({ ...union, message: `must be one of ${listed(allowed)}` });
      at = end;
      continue;
    }
    result.push(issue);
  }
  return result;
}

/** Maps anything thrown in a handler, by us or by Fastify, to one OpenlerError. */
export function toOpenlerError(error: unknown): OpenlerError {
  if (error instanceof OpenlerError) return error;
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    const errors = withAllowedValues(fastifyError.validation).map((issue) => {
      const missing = issue.params?.missingProperty;
      const path = [fastifyError.validationContext === 'querystring' || fastifyError.validationContext === 'params' ? '' : fastifyError.validationContext ?? '', ...issue.instancePath.split('/').filter(Boolean), ...(typeof missing === 'string' ? [missing] : [])]
        .filter(Boolean)
        .join('.');
      return { field: path || fastifyError.validationContext || 'request', message: issue.message ?? 'is invalid' };
    });
    const first = errors[0] ?? { field: 'request', message: 'is invalid' };
    return new OpenlerError('validation_failed', `${first.field} ${first.message}`, { field: first.field, errors });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new OpenlerError('payload_too_large', fastifyError.message, { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new OpenlerError('unsupported_media_type', fastifyError.message, { field: 'content-type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new OpenlerError('bad_request', `the body is not valid JSON: ${fastifyError.message}`, { field: 'body' });
  }
  if (error instanceof SyntaxError) return new OpenlerError('bad_request', `the body is not valid JSON: ${error.message}`, { field: 'body' });
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new OpenlerError(status === 404 ? 'not_found' : status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : 'bad_request', fastifyError.message);
  return asOpenlerError(error);
}

/**
 * The problem document of an error. `instance` is the request's URL, absent
 * when the request was refused before it could be read (see early-errors.ts).
 */
export function problemDocument(error: OpenlerError, instance?: string) {
  const status = errorStatus(error.code);
  const { field, suggestions, errors } = error.details;
  return {
    type: `urn:openler:problem:${error.code.replace(/_/g, '-')}`,
    title: titles[error.code],
    status,
    detail: status >= 500 ? 'openler could not complete the request; the server log has the details' : error.message,
    ...(instance !== undefined ? { instance } : {}),
    code: error.code,
    ...(field !== undefined ? { field } : {}),
    ...(suggestions !== undefined ? { suggestions } : {}),
    ...(Array.isArray(errors) ? { errors } : {}),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: OpenlerError): FastifyReply {
  const body = problemDocument(error, request.url);
  return reply.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
