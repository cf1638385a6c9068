import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, OpenlerError } from '../common/errors.js';
import { problemDocument, sendProblem, toOpenlerError } from './problem.js';

// Requests refused before any route runs: by Node's HTTP parser (only the
// socket exists then) or by Fastify's router. Both answer problem+json like
// every other error; Fastify's defaults would answer its own JSON.

/**
 * The longest path segment the router takes as a route parameter. It is the
 * longest ID a route's schema accepts (a skill ID, up to 500 characters, as
 * POST /v1/skills/lookup takes it), so the schemas judge every ID up to that
 * length and name the field; a longer segment is answered 414.
 */
export const maxPathParameterLength = 500;

/** Fastify's `frameworkErrors`: the router could not match the URL to a route. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(request, reply, frameworkProblem(error));
}

function frameworkProblem(error: FastifyError): OpenlerError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new OpenlerError('bad_request', 'The URL path is not valid percent-encoding: each % takes two hex digits, and the bytes they spell must be UTF-8 (é is %C3%A9)', { field: 'path' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new OpenlerError('uri_too_long', `A segment of the URL path is longer than ${maxPathParameterLength} characters, the longest ID openler takes`, { field: 'path' });
    case 'FST_ERR_ASYNC_CONSTRAINT':
      // Fastify drops the constraint's own error; the request is what it could not be judged on.
      return new OpenlerError('bad_request', 'The request could not be matched to a route: a route constraint failed on it');
    default:
      return toOpenlerError(error);
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request, or
 * it did not arrive in time. There is no request or reply yet, so the answer
 * is written on the socket, which is then closed: the parser cannot go on.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The parser refuses every chunk after the first bad one, so a socket already
  // answered (ended) comes back here, as does one whose peer stopped reading.
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(clientProblem(error)));
}

function clientProblem(error: ConnectionError): OpenlerError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      // Node counts the request line with the headers: a URL this long ends here too, before the router sees it.
      return new OpenlerError('headers_too_large', `The request line and headers together are larger than ${maxHeaderSize} bytes, the most openler reads; send long values in a request body`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new OpenlerError('payload_too_large', 'The chunk extensions of the request body are too large', { field: 'body' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new OpenlerError('request_timeout', 'The request did not arrive in full in time');
    default: {
      // llhttp says what it could not parse (e.g. "Invalid method encountered").
      const reason = 'reason' in error && typeof error.reason === 'string' ? `: ${error.reason}` : '';
      return new OpenlerError('bad_request', `The request is not well-formed HTTP/1.1${reason}`);
    }
  }
}

/** A whole HTTP/1.1 response carrying the problem, for a socket that has no reply object. */
function rawProblemResponse(error: OpenlerError): string {
  const body = JSON.stringify(problemDocument(error));
  const status = errorStatus(error.code);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
