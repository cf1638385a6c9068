import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startServer, type RunningServer } from './server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

// Requests that Node's HTTP parser or Fastify's router refuse before any route
// runs still answer RFC 9457 problem+json, like every other error.
describe('HTTP limits and malformed requests', () => {
  let server: RunningServer;
  let port: number;

  before(async () => {
    server = await startServer();
    port = Number(new URL(server.url).port);
  });
  after(async () => server.close());

  /** A GET through node:http, which sends the path exactly as given (fetch would normalise it). */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const sent = request({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) as Answer['body'] }));
        response.on('error', reject);
      });
      sent.on('error', reject);
      sent.end();
    });

  /** Bytes written straight to a socket, for requests no HTTP client would send; the raw answer back. */
  const exchange = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.end(bytes);
    });

  const assertProblem = (answer: Answer, status: number, code: string) => {
    assert.equal(answer.status, status);
    assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    assert.equal(answer.body.type, `urn:openler:problem:${code.replace(/_/g, '-')}`);
    assert.equal(answer.body.status, status);
    assert.equal(answer.body.code, code);
    assert.equal(typeof answer.body.title, 'string');
    assert.equal(typeof answer.body.detail, 'string');
  };

  it('answers a path segment longer than any ID with 414, and judges shorter IDs by their route', async () => {
    const tooLong = await get(`/v1/skills/${'a'.repeat(501)}`);
    assertProblem(tooLong, 414, 'uri_too_long');
    assert.match(String(tooLong.body.detail), /longer than 500 characters/);
    assert.equal(tooLong.body.field, 'path');
    // Up to 500 characters a skill ID reaches its route: an unknown one is a 404, as a short one is.
    assertProblem(await get(`/v1/skills/${'a'.repeat(500)}`), 404, 'not_found');
    // A credential ID past its schema's 200 characters is a validation error that names the field.
    const credential = await get(`/issuers/${'a'.repeat(300)}`);
    assertProblem(credential, 400, 'validation_failed');
    assert.equal(credential.body.field, 'id');
  });

  it('answers a URL or a header too large for the HTTP parser with 431', async () => {
    const header = await get('/health', { 'x-padding': 'a'.repeat(100_000) });
    assertProblem(header, 431, 'headers_too_large');
    assert.match(String(header.body.detail), /larger than \d+ bytes/);
    assert.equal(header.headers.connection, 'close');
    // Node reads the request line with the headers, so a 100 kB path or query never reaches the router.
    assertProblem(await get(`/v1/skills/${'a'.repeat(100_000)}`), 431, 'headers_too_large');
    assertProblem(await get(`/v1/skills?q=${'a'.repeat(100_000)}`), 431, 'headers_too_large');
  });

  it('answers bad percent-encoding in the path with 400', async () => {
    for (const path of ['/v1/skills/%E0%A4%A', '/no-such-route/%E0%A4%A']) {
      const answer = await get(path);
      assertProblem(answer, 400, 'bad_request');
      assert.equal(answer.body.field, 'path', path);
      assert.equal(answer.body.instance, path);
    }
  });

  it('answers a malformed request line with a well-formed 400 and closes the connection', async () => {
    const raw = await exchange('BREW /coffee HTCPCP/1.0\r\n\r\n');
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine, ...headerLines] = head.split('\r\n');
    assert.equal(statusLine, 'HTTP/1.1 400 Bad Request');
    const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    assert.match(String(headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(headers.get('connection'), 'close');
    assert.equal(Number(headers.get('content-length')), Buffer.byteLength(body));
    const problem = JSON.parse(body) as Record<string, unknown>;
    assert.equal(problem.type, 'urn:openler:problem:bad-request');
    assert.equal(problem.status, 400);
    assert.match(String(problem.detail), /not well-formed HTTP\/1\.1/);
  });
});
