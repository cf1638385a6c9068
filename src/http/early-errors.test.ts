import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { answerClientError, answerFrameworkError } from './early-errors.js';

type ConstraintStrategy = NonNullable<NonNullable<FastifyServerOptions['routerOptions']>['constraints']>[string];

// The two refusals openler's own server cannot be made to show in a test:
// it has no route constraints, and its request timeout is Node's default of
// minutes. A bare Fastify with the same handlers shows them.

test('a route constraint that fails answers 400 problem+json', async () => {
  // An asynchronous strategy (deriveConstraint takes a callback) that fails, as a tenant lookup might.
  const tenantLookup = {
    name: 'tenant',
    storage() {
      const handlers = new Map<unknown, unknown>();
      return { get: (value: unknown) => handlers.get(value) ?? null, set: (value: unknown, handler: unknown) => void handlers.set(value, handler) };
    },
    deriveConstraint: (_request: unknown, _context: unknown, done: (error: Error | null, value?: string) => void) => done(new Error('the tenant directory is unreachable')),
    validate() {},
  };
  const app = Fastify({
    frameworkErrors: answerFrameworkError,
    // find-my-way's types declare only the synchronous form of a strategy.
    routerOptions: { constraints: { tenant: tenantLookup as unknown as ConstraintStrategy } },
  });
  app.get('/', { constraints: { tenant: 'acme' } }, async () => 'hello');
  const answer = await app.inject({ url: '/' });
  assert.equal(answer.statusCode, 400);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  const problem = answer.json<Record<string, unknown>>();
  assert.deepEqual([problem.type, problem.status, problem.code, problem.instance], ['urn:openler:problem:bad-request', 400, 'bad_request', '/']);
  assert.match(String(problem.detail), /route constraint/);
  await app.close();
});

test('a request that does not arrive in time answers 408 problem+json on the socket', async () => {
  const app = Fastify({ requestTimeout: 200, http: { connectionsCheckingInterval: 50 }, clientErrorHandler: answerClientError });
  app.get('/', async () => 'hello');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    // The headers never end.
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
  });
  await app.close();
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 408 Request Timeout\r\n/);
  assert.match(head, /\r\nContent-Type: application\/problem\+json/);
  assert.match(head, /\r\nConnection: close(\r\n|$)/);
  assert.match(head, new RegExp(`\\r\\nContent-Length: ${Buffer.byteLength(body)}(\\r\\n|$)`));
  const problem = JSON.parse(body) as Record<string, unknown>;
  assert.deepEqual([problem.type, problem.title, problem.status, problem.code], ['urn:openler:problem:request-timeout', 'Request timeout', 408, 'request_timeout']);
  assert.equal(problem.instance, undefined, 'no request was read, so there is no instance');
});
