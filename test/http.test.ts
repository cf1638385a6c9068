import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from './server.js';

interface Json { [key: string]: unknown }

describe('HTTP API', () => {
  let server: RunningServer;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    return { response, body: (await response.json()) as Json };
  };
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { response, body: (await response.json()) as Json };
  };

  before(async () => {
    server = await startServer();
  });
  after(async () => server.close());

  it('reports health and meta', async () => {
    assert.deepEqual((await get('/health')).body, { status: 'ok', database: server.context.db.driver });
    const meta = (await get('/v1/meta')).body;
    assert.equal(meta.defaultLibrary, 'openler');
  });

  it('searches with ranking, totals and Link headers', async () => {
    const { response, body } = await get('/v1/skills?q=pyton&limit=2');
    assert.equal(response.status, 200);
    const data = body.data as Json[];
    assert.match(String(data[0]?.name), /^Python/);
    assert.deepEqual(Object.keys(data[0] ?? {}).sort(), ['aliases', 'category', 'description', 'id', 'isLanguage', 'isSoftware', 'matched', 'name', 'score', 'source', 'status', 'subcategory', 'tags', 'type']);
    assert.deepEqual(body.meta, { library: 'openler', version: (body.meta as Json).version, total: Number(response.headers.get('x-total-count')), limit: 2, offset: 0 });
    const total = Number(response.headers.get('x-total-count'));
    assert.ok(total > 2);
    assert.match(String(response.headers.get('link')), /rel="next"/);
    const k8s = (await get('/v1/skills?q=k8s&limit=1')).body.data as Json[];
    assert.equal(k8s[0]?.name, 'Kubernetes');
    const certs = (await get('/v1/skills?q=aws&type=certification&limit=50')).body.data as Json[];
    assert.ok(certs.length > 0 && certs.every((skill) => skill.type === 'certification'));
  });

  it('answers bad parameters with problem+json naming the field', async () => {
    const { response, body } = await get('/v1/skills?limit=0');
    assert.equal(response.status, 400);
    assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(body.field, 'limit');
    assert.equal((await get('/v1/skills?type=wizard')).body.field, 'type');
    assert.equal((await get('/v1/skills?library=nope')).response.status, 404);
  });

  it('gets a skill by ID, and answers an unknown ID with 404 and suggestions', async () => {
    const hit = ((await get('/v1/skills?q=kubernetes&limit=1')).body.data as Json[])[0] as Json;
    const { body } = await get(`/v1/skills/${hit.id}`);
    assert.equal((body.data as Json).name, 'Kubernetes');
    const missing = await get('/v1/skills/kubernetis');
    assert.equal(missing.response.status, 404);
    assert.equal((missing.body.suggestions as Json[])[0]?.name, 'Kubernetes');
    const related = (await get(`/v1/skills/${hit.id}/related?limit=5`)).body.data as Json[];
    assert.equal(related.length, 5);
    const lookup = await send('POST', '/v1/skills/lookup', { ids: [hit.id, 'nope'] });
    assert.deepEqual((lookup.body.meta as Json).missing, ['nope']);
    assert.equal((lookup.body.data as Json[])[0]?.id, hit.id);
  });

  it('refuses oversize and malformed bodies', async () => {
    const big = await send('POST', '/v1/skills/lookup', { ids: Array.from({ length: 900 }, () => 'x'.repeat(400)).concat(['y'.repeat(700_000)]) });
    assert.equal(big.response.status, 413);
    const malformed = await fetch(`${server.url}/v1/skills/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids": [' });
    assert.equal(malformed.status, 400);
    assert.match(String(malformed.headers.get('content-type')), /problem\+json/);
    const empty = await send('POST', '/v1/skills/lookup', { ids: [] });
    assert.equal(empty.response.status, 400);
  });

  it('answers a NUL character in an ID, a body or a CSV with 400, never 500', async () => {
    for (const path of ['/v1/skills/%00', '/v1/skills/%00/related', '/issuers/%00', '/status-lists/a%00b']) {
      const answer = await get(path);
      assert.equal(answer.response.status, 400, path);
      assert.match(String(answer.body.detail), /NUL character/, path);
    }
    const lookup = await send('POST', '/v1/skills/lookup', { ids: ['\u0000'] });
    assert.equal(lookup.response.status, 400);
    assert.match(String(lookup.response.headers.get('content-type')), /problem\+json/);
  });

  it('lists libraries, releases and changes', async () => {
    const libraries = (await get('/v1/libraries')).body.data as Json[];
    const openler = libraries.find((library) => library.id === 'openler') as Json;
    assert.equal(openler.isDefault, true);
    const versions = (await get('/v1/libraries/openler/versions')).body.data as Json[];
    assert.equal(versions[0]?.version, openler.latestVersion);
    const changes = (await get(`/v1/libraries/openler/versions/${openler.latestVersion}/changes`)).body.data as Json;
    assert.equal((changes.additions as Json[]).length, versions[0]?.skillCount);
  });

  it('speaks the Lightcast Open Skills API shapes', async () => {
    const list = (await get('/skills/versions/latest/skills?q=k8s&limit=3')).body;
    const first = (list.data as Json[])[0] as Json;
    assert.deepEqual(Object.keys(first), ['id', 'name', 'type', 'infoUrl']);
    assert.deepEqual(first.type, { id: 'ST1', name: 'Specialized Skill' });
    const one = (await get(`/skills/versions/latest/skills/${first.id}`)).body.data as Json;
    assert.equal(one.name, 'Kubernetes');
    assert.equal(typeof (one.category as Json).name, 'string');
    const certs = (await get('/skills/versions/latest/skills?q=comptia&typeIds=ST3&fields=id,name,type')).body.data as Json[];
    assert.ok(certs.length > 0 && certs.every((c) => (c.type as Json).id === 'ST3'));
    const bulk = (await send('POST', '/skills/versions/latest/skills', { ids: [first.id] })).body.data as Json[];
    assert.equal(bulk[0]?.id, first.id);
    const related = (await send('POST', '/skills/versions/latest/related', { ids: [first.id], limit: 4 })).body.data as Json[];
    assert.equal(related.length, 4);
    const versions = (await get('/skills/versions')).body.data as string[];
    const meta = (await get('/skills/meta')).body.data as Json;
    assert.equal(meta.latestVersion, versions[0]);
    const version = (await get(`/skills/versions/${versions[0]}`)).body.data as Json;
    assert.ok(Number(version.skillCount) >= 3000);
    assert.equal((await get('/skills/versions/0.0/skills')).response.status, 404);
    assert.equal((await get('/skills/versions/latest/skills?typeIds=ST9')).body.field, 'typeIds');
  });

  it('requires a scoped key for writes and keeps private libraries private', async () => {
    const orgs = server.context.orgs;
    await orgs.create({ slug: 'acme', name: 'Acme Corp', kind: 'employer' });
    await orgs.create({ slug: 'globex', name: 'Globex', kind: 'employer' });
    const writer = (await orgs.createKey('acme', { name: 'writer', scopes: ['skills:write', 'skills:read'] })).secret;
    const reader = (await orgs.createKey('acme', { name: 'reader', scopes: ['skills:read'] })).secret;
    const other = (await orgs.createKey('globex', { name: 'other', scopes: ['skills:write', 'skills:read', 'org:admin'] })).secret;
    const csv = 'id,name,type,aliases\nACME-1,Widget Assembly,specialized,WA|widgeting\nACME-2,Gadget Repair,specialized,\n';
    const path = '/v1/libraries/acme-skills/versions?version=1.0';
    assert.equal((await send('POST', path, csv)).response.status, 401);
    assert.equal((await send('POST', path, csv, { authorization: `Bearer ${reader}` })).response.status, 403);
    assert.equal((await send('POST', path, csv, { authorization: 'Bearer olk_bogus' })).response.status, 401);
    const created = await send('POST', path, csv, { authorization: `Bearer ${writer}` });
    assert.equal(created.response.status, 201);
    assert.equal((created.body.data as Json).added, 2);
    assert.equal((await send('POST', path, csv, { authorization: `Bearer ${writer}` })).response.status, 200, 'same release again is a no-op');
    assert.equal((await send('POST', path, `${csv}ACME-3,More,specialized,\n`, { authorization: `Bearer ${writer}` })).response.status, 409);
    // Another org cannot publish into it, and learns no more from trying than from reading: the same 404.
    const withoutInstance = ({ instance: _instance, ...problem }: Json) => problem;
    const read = await get('/v1/libraries/acme-skills/versions', { authorization: `Bearer ${other}` });
    const write = await send('POST', path, csv, { authorization: `Bearer ${other}` });
    assert.equal(read.response.status, 404);
    assert.equal(write.response.status, 404, 'another org cannot publish into it, nor tell it exists');
    assert.deepEqual(withoutInstance(write.body), withoutInstance(read.body));
    const asPublic = await send('POST', '/v1/libraries/acme-skills/versions?version=1.0&visibility=public', csv, { authorization: `Bearer ${other}` });
    assert.deepEqual([asPublic.response.status, withoutInstance(asPublic.body)], [404, withoutInstance(read.body)], 'whatever the query');
    // A public library is another matter: its readers may see it, but only its org writes it.
    assert.equal((await send('POST', '/v1/libraries/acme-open/versions?version=1.0&visibility=public', csv, { authorization: `Bearer ${writer}` })).response.status, 201);
    const refused = await send('POST', '/v1/libraries/acme-open/versions?version=1.1&visibility=public', csv, { authorization: `Bearer ${other}` });
    assert.equal(refused.response.status, 403);
    assert.match(String(refused.body.detail), /belongs to another organization/);

    const search = '/v1/skills?library=acme-skills&q=widgeting';
    assert.equal((await get(search)).response.status, 404, 'anonymous readers do not see it');
    assert.equal((await get(search, { authorization: `Bearer ${other}` })).response.status, 404, 'other orgs do not see it');
    const own = await get(search, { authorization: `Bearer ${reader}` });
    assert.equal((own.body.data as Json[])[0]?.id, 'ACME-1');
    assert.ok(!((await get('/v1/libraries')).body.data as Json[]).some((l) => l.id === 'acme-skills'));

    const me = (await get('/v1/orgs/me', { authorization: `Bearer ${reader}` })).body.data as Json;
    assert.equal(me.slug, 'acme');
    assert.equal((await get('/v1/orgs/me/keys', { authorization: `Bearer ${reader}` })).response.status, 403);
    const keys = (await get('/v1/orgs/me/keys', { authorization: `Bearer ${other}` })).body.data as Json[];
    assert.deepEqual(keys.map((k) => k.name), ['other']);
    const revoked = await fetch(`${server.url}/v1/orgs/me/keys/${String(keys[0]?.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${other}` } });
    assert.equal(revoked.status, 200);
    assert.equal((await get('/v1/orgs/me', { authorization: `Bearer ${other}` })).response.status, 401);
  });

  it('serves OpenAPI 3.1, interactive docs and the search page', async () => {
    const spec = (await get('/openapi.json')).body;
    assert.equal(spec.openapi, '3.1.0');
    const paths = Object.keys(spec.paths as Json);
    for (const path of ['/v1/skills', '/v1/skills/{id}', '/v1/skills/lookup', '/v1/skills/{id}/related', '/v1/libraries', '/v1/libraries/{library}/versions', '/v1/libraries/{library}/versions/{version}/changes', '/v1/meta', '/health', '/skills/versions/{version}/skills', '/skills/versions/{version}/related', '/skills/meta',
      '/v1/issuers', '/v1/achievements', '/v1/credentials', '/v1/clr', '/v1/credentials/{id}/revoke', '/v1/verify', '/issuers/{id}', '/status-lists/{id}',
      '/credentials/issue', '/credentials/verify', '/presentations/verify', '/credentials/status']) {
      assert.ok(paths.includes(path), path);
    }
    const docs = await fetch(`${server.url}/docs`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger/i);
    const page = await fetch(`${server.url}/`);
    assert.match(await page.text(), /openler skills library/);
  });
});
