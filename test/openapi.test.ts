import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from './server.js';

interface Json { [key: string]: unknown }
interface Schema { default?: unknown; required?: string[]; properties?: Record<string, Schema>; anyOf?: Schema[] }
interface Parameter { name: string; in: string; required?: boolean; schema?: Schema }
interface Operation { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> } }

/** The OpenAPI document says what the API does: what it requires, the bodies it takes, and it keeps doing that. */
describe('the OpenAPI document matches the API', () => {
  let server: RunningServer;
  let spec: { paths: Record<string, Record<string, Operation>> };
  let key: string;
  const call = async (method: string, path: string, options: { body?: string; type?: string; key?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (options.type !== undefined) headers['content-type'] = options.type;
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
  };
  const operations = () => Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
  const bodyTypes = (path: string, method = 'post') => Object.keys(spec.paths[path]?.[method]?.requestBody?.content ?? {}).sort();

  before(async () => {
    server = await startServer();
    spec = (await call('GET', '/openapi.json')).body as unknown as typeof spec;
    const org = await server.context.orgs.create({ slug: 'spec-college', name: 'Spec College', kind: 'institution' });
    key = (await server.context.orgs.createKey(org.slug, { name: 'registrar', scopes: ['credentials:issue'] })).secret;
  });
  after(async () => server.close());

  it('requires no parameter or body field that has a default', () => {
    const offenders: string[] = [];
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.required && parameter.in !== 'path' && parameter.schema?.default !== undefined) offenders.push(`${name} ${parameter.in} ${parameter.name}`);
      }
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        for (const schema of [media.schema, ...(media.schema?.anyOf ?? [])]) {
          for (const field of schema?.required ?? []) {
            if (schema?.properties?.[field]?.default !== undefined) offenders.push(`${name} ${type} ${field}`);
          }
        }
      }
    }
    assert.deepEqual(offenders, []);
    // A body whose every field is optional may be left out, and the document says so; others stay required.
    for (const action of ['claim-link', 'revoke', 'suspend', 'reinstate']) assert.equal(spec.paths[`/v1/credentials/{id}/${action}`]?.post?.requestBody?.required, false, action);
    assert.equal(spec.paths['/v1/extract']?.post?.requestBody?.required, true);
    const search = spec.paths['/v1/skills']?.get?.parameters ?? [];
    assert.deepEqual(search.filter((parameter) => ['limit', 'offset'].includes(parameter.name)).map((parameter) => [parameter.name, parameter.required, parameter.schema?.default]), [['limit', false, 20], ['offset', false, 0]]);
  });

  it('documents every request body by the content types the routes accept', () => {
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/authorize']) assert.deepEqual(bodyTypes(path), ['application/x-www-form-urlencoded'], path);
    const token = spec.paths['/oauth/token']?.post?.requestBody?.content['application/x-www-form-urlencoded']?.schema;
    for (const field of ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'refresh_token', 'client_id', 'client_secret']) assert.ok(token?.properties?.[field], field);
    assert.ok(spec.paths['/oauth/revoke']?.post?.requestBody?.content['application/x-www-form-urlencoded']?.schema?.properties?.token);
    assert.deepEqual(bodyTypes('/v1/libraries/{library}/versions'), ['application/json', 'text/csv']);
    const file = bodyTypes('/v1/extract/file');
    for (const type of ['multipart/form-data', 'application/octet-stream', 'application/pdf', 'text/plain']) assert.ok(file.includes(type), type);
    assert.ok(spec.paths['/v1/extract/file']?.post?.requestBody?.content['multipart/form-data']?.schema?.properties?.file);
    const verify = bodyTypes('/v1/verify');
    for (const type of ['application/json', 'application/vc+ld+json', 'application/ld+json', 'text/plain', 'application/jwt', 'image/png', 'image/svg+xml']) assert.ok(verify.includes(type), type);
    for (const path of ['/credentials/verify', '/presentations/verify']) assert.deepEqual(bodyTypes(path), ['application/json', 'application/ld+json', 'application/vc+ld+json', 'application/vp+ld+json'], path);
  });

  it('still fills in the defaults it no longer requires', async () => {
    const search = await call('GET', '/v1/skills?q=sql');
    assert.equal(search.status, 200);
    assert.deepEqual([(search.body.meta as Json).limit, (search.body.meta as Json).offset], [20, 0]);
    const extracted = await call('POST', '/v1/extract', { body: JSON.stringify({ text: 'Wrote SQL queries and Python scripts.' }), type: 'application/json' });
    assert.equal(extracted.status, 200);
    assert.deepEqual([(extracted.body.meta as Json).confidenceThreshold, (extracted.body.meta as Json).mode], [0.5, 'full']);
    assert.equal(extracted.body.trace, undefined);
    const file = await call('POST', '/v1/extract/file?filename=cv.txt', { body: 'Wrote SQL queries.', type: 'text/plain' });
    assert.equal(file.status, 200);
    assert.deepEqual([(file.body.meta as Json).confidenceThreshold, (file.body.meta as Json).mode], [0.5, 'full']);
    const library = String(((await call('GET', '/v1/libraries')).body.data as Json[])[0]?.id);
    const version = String(((await call('GET', `/v1/libraries/${library}/versions`)).body.data as Json[])[0]?.version);
    const exported = await call('GET', `/v1/libraries/${library}/versions/${version}/export`);
    assert.equal(exported.status, 200);
    assert.match(exported.type, /json/);
  });

  it('names the allowed values when a value is not one of them', async () => {
    const wrongType = await call('GET', '/v1/skills?type=bogus');
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.detail, 'type must be one of specialized, common, certification');
    const wrongMode = await call('POST', '/v1/extract', { body: JSON.stringify({ text: 'SQL', mode: 'fuzzy' }), type: 'application/json' });
    assert.equal(wrongMode.status, 400);
    assert.equal(wrongMode.body.detail, 'body.mode must be one of full, literal');
    assert.equal(wrongMode.body.field, 'body.mode');
  });

  it('takes no body where the fields are optional, verifies a credential sent as application/vc+ld+json, and refuses unknown fields', async () => {
    const json = (body: unknown) => ({ body: JSON.stringify(body), type: 'application/json', key });
    const issuer = (await call('POST', '/v1/issuers', json({ name: 'Spec College Registrar', url: 'https://spec.example' }))).body.data as { id: string };
    const achievement = (await call('POST', '/v1/achievements', json({ issuer: issuer.id, name: 'Databases I', description: 'Queries relational databases.', criteria: { narrative: 'Pass the project.' } }))).body.data as { id: string };
    const issued = await call('POST', '/v1/credentials', json({ achievement: achievement.id, recipient: { email: 'learner@example.edu' } }));
    assert.equal(issued.status, 201);
    const { id, credential } = issued.body.data as { id: string; credential: Json };

    const link = await call('POST', `/v1/credentials/${id}/claim-link`, { key });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.match(String((link.body.data as Json).claimUrl), /\/claim\//);
    const unknownField = await call('POST', `/v1/credentials/${id}/claim-link`, json({ weeks: 2 }));
    assert.equal(unknownField.status, 400);
    assert.match(String(unknownField.body.detail), /additional properties/);
    assert.equal((await call('POST', `/v1/credentials/${id}/claim-link`, json({ days: 7 }))).status, 201);

    for (const type of ['application/vc+ld+json', 'application/ld+json']) {
      const verified = await call('POST', '/v1/verify', { body: JSON.stringify(credential), type });
      assert.equal(verified.status, 200, type);
      assert.equal(verified.body.verified, true, type);
    }
    const broken = await call('POST', '/v1/verify', { body: '{"@context": [', type: 'application/vc+ld+json' });
    assert.equal(broken.status, 400);
    assert.equal(broken.type.split(';')[0], 'application/problem+json');

    for (const [action, status] of [['suspend', 'suspended'], ['reinstate', 'active'], ['revoke', 'revoked']] as const) {
      const changed = await call('POST', `/v1/credentials/${id}/${action}`, { key });
      assert.equal(changed.status, 200, `${action}: ${JSON.stringify(changed.body)}`);
      assert.equal((changed.body.data as Json).status, status, action);
    }
  });

  it('reads the OAuth endpoints as forms, with their own errors', async () => {
    const asJson = await call('POST', '/oauth/token', { body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }), type: 'application/json' });
    assert.equal(asJson.status, 400);
    assert.equal(asJson.body.error, 'invalid_request');
    const withoutClient = await call('POST', '/oauth/token', { body: 'grant_type=refresh_token&refresh_token=x', type: 'application/x-www-form-urlencoded' });
    assert.equal(withoutClient.status, 401);
    assert.equal(withoutClient.body.error, 'invalid_client');
    const revoke = await call('POST', '/oauth/revoke', { body: 'token=x&token=y', type: 'application/x-www-form-urlencoded' });
    assert.equal(revoke.status, 400);
    assert.equal(revoke.body.error, 'invalid_request');
  });
});
