import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createKeyResolver } from '../src/credentials/dids/key-resolver.js';
import { createDocumentLoader } from '../src/credentials/jsonld/document-loader.js';
import { verifyDataFor } from '../src/credentials/proofs/batch-verify-data.js';
import { verifyDataIntegrity } from '../src/credentials/proofs/data-integrity.js';
import { startServer, type RunningServer } from './server.js';
import { sharedPath } from './shared-data.js';

interface Json { [key: string]: unknown }

describe('credentials over HTTP', () => {
  let server: RunningServer;
  let issuerKey: string;
  let readOnlyKey: string;
  const documentLoader = createDocumentLoader();
  const call = async (method: string, path: string, body?: unknown, key?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { response, body: (await response.json()) as Json };
  };

  before(async () => {
    server = await startServer();
    const org = await server.context.orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' });
    issuerKey = (await server.context.orgs.createKey(org.slug, { name: 'registrar', scopes: ['credentials:issue'] })).secret;
    readOnlyKey = (await server.context.orgs.createKey(org.slug, { name: 'reader', scopes: ['skills:read'] })).secret;
  });
  after(async () => server.close());

  it('issues a skill-aligned badge that verifies against the issuer profile openler serves, then revokes it through the published status list', async () => {
    const issuer = (await call('POST', '/v1/issuers', { name: 'State College Registrar', url: 'https://college.example', email: 'registrar@college.example' }, issuerKey));
    assert.equal(issuer.response.status, 201);
    const issuerData = issuer.body.data as { id: string; issuerId: string };
    const skill = ((await call('GET', '/v1/skills?q=SQL&limit=1')).body.data as Json[])[0] as { id: string; name: string };
    const achievement = await call('POST', '/v1/achievements', {
      issuer: issuerData.id, name: 'Databases I', description: 'Designs and queries relational databases.', achievementType: 'Course',
      criteria: { narrative: 'Complete the course project.' }, creditsAvailable: 4, skills: [{ id: skill.id }],
    }, issuerKey);
    assert.equal(achievement.response.status, 201);
    const achievementId = (achievement.body.data as { id: string }).id;

    const issued = await call('POST', '/v1/credentials', { achievement: achievementId, recipient: { email: 'learner@example.edu' }, externalId: 'fall-2026/42' }, issuerKey);
    assert.equal(issued.response.status, 201);
    const data = issued.body.data as { id: string; credential: Json; claimUrl: string };
    const again = await call('POST', '/v1/credentials', { achievement: achievementId, recipient: { email: 'learner@example.edu' }, externalId: 'fall-2026/42' }, issuerKey);
    assert.equal(again.response.status, 200);
    assert.equal((again.body.data as { id: string }).id, data.id);

    // The issuer profile openler serves is what a verifier resolves the signing key from.
    const profile = (await call('GET', `/issuers/${issuerData.id}`)).body;
    assert.equal(profile.id, issuerData.issuerId);
    const trustStore = { [issuerData.issuerId]: profile };
    const verdict = await verifyDataIntegrity(data.credential, { documentLoader, resolveKey: createKeyResolver({ trustStore }) });
    assert.equal(verdict.verified, true, verdict.reason);
    const alignment = ((data.credential.credentialSubject as Json).achievement as Json).alignment as Json[];
    assert.equal(alignment[0]?.targetCode, skill.id);
    assert.equal(alignment[0]?.targetName, skill.name);

    const entry = (data.credential.credentialStatus as Json[]).find((candidate) => candidate.statusPurpose === 'revocation') as { statusListCredential: string; statusListIndex: string };
    const listPath = new URL(entry.statusListCredential).pathname;
    const bit = async () => {
      const list = (await call('GET', listPath)).body;
      const listVerdict = await verifyDataIntegrity(list, { documentLoader, resolveKey: createKeyResolver({ trustStore }) });
      assert.equal(listVerdict.verified, true, listVerdict.reason);
      const encoded = String((list.credentialSubject as Json).encodedList);
      const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
      const index = Number(entry.statusListIndex);
      return ((bits[index >> 3] as number) >> (7 - (index & 7))) & 1;
    };
    assert.equal(await bit(), 0);

    // Opening a claim link (a mail scanner, a chat preview, the learner) uses nothing up; collecting is a POST.
    const claimPath = new URL(data.claimUrl).pathname;
    for (let opened = 0; opened < 2; opened += 1) {
      const preview = await call('GET', claimPath);
      assert.equal(preview.response.status, 200);
      assert.deepEqual([(preview.body.data as Json).achievement, (preview.body.data as Json).credentialId], ['Databases I', data.id]);
    }
    const page = await fetch(`${server.url}${claimPath}`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    assert.match(String(page.headers.get('content-type')), /^text\/html/);
    assert.match(html, /Databases I/);
    assert.match(html, new RegExp(`<form method="post" action="${claimPath}">`));
    // The page's button posts an empty form; the answer is the credential as a file.
    const download = await fetch(`${server.url}${claimPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(download.status, 200);
    assert.match(String(download.headers.get('content-disposition')), /^attachment; filename="credential\.json"/);
    assert.equal(((await download.json()) as Json).id, data.credential.id);
    const used = await call('POST', claimPath);
    assert.equal(used.response.status, 410);
    assert.match(String(used.response.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal((await call('GET', claimPath)).response.status, 410);

    // A fresh link, collected by a client as JSON; none for a revoked credential.
    const fresh = await call('POST', `/v1/credentials/${encodeURIComponent(data.id)}/claim-link`, { days: 7 }, issuerKey);
    assert.equal(fresh.response.status, 201);
    assert.equal((await call('POST', `/v1/credentials/${encodeURIComponent(data.id)}/claim-link`, { claimLinkDays: 7 }, issuerKey)).response.status, 400);
    const freshPath = new URL((fresh.body.data as { claimUrl: string }).claimUrl).pathname;
    const revoked = await call('POST', `/v1/credentials/${encodeURIComponent(data.id)}/revoke`, { reason: 'issued in error' }, issuerKey);
    assert.equal((revoked.body.data as { status: string }).status, 'revoked');
    assert.equal(await bit(), 1);
    assert.equal((await call('POST', freshPath)).response.status, 410, 'a revoked credential is not handed out');
    assert.equal((await call('POST', `/v1/credentials/${encodeURIComponent(data.id)}/claim-link`, {}, issuerKey)).response.status, 409);
  });

  it('hands out no suspended credential through its claim link, and the same link works after reinstatement', async () => {
    const issuer = (await call('POST', '/v1/issuers', { name: 'Suspension Test' }, issuerKey)).body.data as { id: string };
    const achievement = (await call('POST', '/v1/achievements', { issuer: issuer.id, name: 'Networks I', description: 'Configures small networks.', criteria: { narrative: 'Pass the lab.' } }, issuerKey)).body.data as { id: string };
    const issued = (await call('POST', '/v1/credentials', { achievement: achievement.id, recipient: { email: 'held@college.edu' } }, issuerKey)).body.data as { id: string; claimUrl: string };
    const claimPath = new URL(issued.claimUrl).pathname;
    const credentialPath = `/v1/credentials/${encodeURIComponent(issued.id)}`;
    assert.equal((await call('POST', `${credentialPath}/suspend`, { reason: 'under review' }, issuerKey)).response.status, 200);

    for (const method of ['GET', 'POST']) {
      const refused = await call(method, claimPath);
      assert.equal(refused.response.status, 409, `${method} is refused while suspended`);
      assert.match(String(refused.response.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(refused.body.code, 'conflict');
      assert.match(String(refused.body.detail), /suspended/);
    }
    const page = await fetch(`${server.url}${claimPath}`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 409);
    const html = await page.text();
    assert.match(html, /suspended/);
    assert.doesNotMatch(html, /<form/, 'no button to collect a suspended credential');
    const form = await fetch(`${server.url}${claimPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(form.status, 409);
    const newLink = await call('POST', `${credentialPath}/claim-link`, {}, issuerKey);
    assert.equal(newLink.response.status, 409);
    assert.match(String(newLink.body.detail), /suspended/);

    assert.equal((await call('POST', `${credentialPath}/reinstate`, {}, issuerKey)).response.status, 200);
    assert.equal((await call('GET', claimPath)).response.status, 200);
    const collected = await call('POST', claimPath);
    assert.equal(collected.response.status, 200, 'the link was not used up while the credential was suspended');
    assert.equal((collected.body.data as { id: string }).id, issued.id);
  });

  it('verifies what it issued, as JSON, as a JWT and baked into a PNG, and reports revocation', async () => {
    const issuer = (await call('POST', '/v1/issuers', { name: 'Verifier Test', identifier: 'did:web' }, issuerKey)).body.data as { id: string };
    const achievement = (await call('POST', '/v1/achievements', { issuer: issuer.id, name: 'Forklift Safety', description: 'Operates a forklift safely.', criteria: { narrative: 'Pass the practical.' } }, issuerKey)).body.data as { id: string };
    const issue = async (proof: string) => (await call('POST', '/v1/credentials', { achievement: achievement.id, recipient: { did: 'did:example:learner' }, proof }, issuerKey)).body.data as { id: string; credential: Json | string };
    const verify = async (body: string | Uint8Array, contentType: string) => {
      const response = await fetch(`${server.url}/v1/verify`, { method: 'POST', headers: { 'content-type': contentType }, body });
      return { status: response.status, report: (await response.json()) as { verified: boolean; checks: Array<{ check: string; status: string; reason?: string }>; detail?: string } };
    };
    const signed = await issue('eddsa-rdfc-2022');
    const templated = () => verifyDataFor(server.context.credentials.documentLoader).stats.fast;
    const templatedBefore = templated();
    const json = await verify(JSON.stringify(signed.credential), 'application/json');
    assert.equal(json.status, 200);
    assert.equal(json.report.verified, true, JSON.stringify(json.report.checks));
    // The endpoint checks Data Integrity proofs through the batch verifier: openler's own credential shape takes the template path.
    assert.ok(templated() > templatedBefore, 'the proof was checked through a compiled template');
    const jwt = await issue('jwt-rs256');
    const fromJwt = await verify(String(jwt.credential), 'text/plain');
    assert.equal(fromJwt.report.verified, true, JSON.stringify(fromJwt.report.checks));
    const { bakePng } = await import('../src/credentials/baking/png.js');
    // Any PNG will do as the image: re-baking replaces the credential already in the fixture badge.
    const png = bakePng(readFileSync(sharedPath('fixtures', 'ob30', 'simple-json.png')), signed.credential as Json);
    const fromPng = await verify(Buffer.from(png), 'image/png');
    assert.equal(fromPng.report.verified, true, JSON.stringify(fromPng.report.checks));
    await call('POST', `/v1/credentials/${encodeURIComponent(signed.id)}/revoke`, {}, issuerKey);
    const revoked = await verify(JSON.stringify(signed.credential), 'application/json');
    assert.equal(revoked.report.verified, false);
    assert.equal(revoked.report.checks.find((check) => check.check === 'status')?.status, 'failed');
    assert.match(revoked.report.checks.find((check) => check.check === 'status')?.reason ?? '', /revoked/);
    const tampered = structuredClone(signed.credential as Json);
    tampered.name = 'Something else';
    assert.equal((await verify(JSON.stringify(tampered), 'application/json')).report.checks.find((check) => check.check === 'proof')?.status, 'failed');
    const garbage = await verify('not a credential', 'text/plain');
    assert.equal(garbage.status, 400);

    // Baked by openler: into an SVG it draws, or into the issuer's own PNG; both read back and verify.
    const jwtId = encodeURIComponent(jwt.id);
    const drawn = await fetch(`${server.url}/v1/credentials/${jwtId}/baked`, { method: 'POST', headers: { authorization: `Bearer ${issuerKey}` } });
    assert.equal(drawn.headers.get('content-type'), 'image/svg+xml');
    const svg = await drawn.text();
    assert.match(svg, /Forklift Safety/);
    assert.equal((await verify(svg, 'image/svg+xml')).report.verified, true);
    const ownPng = await fetch(`${server.url}/v1/credentials/${jwtId}/baked`, { method: 'POST', headers: { authorization: `Bearer ${issuerKey}`, 'content-type': 'image/png' }, body: readFileSync(sharedPath('fixtures', 'ob30', 'simple-json.png')) });
    assert.equal(ownPng.headers.get('content-type'), 'image/png');
    assert.equal((await verify(new Uint8Array(await ownPng.arrayBuffer()), 'image/png')).report.verified, true);
    const notAnImage = await fetch(`${server.url}/v1/credentials/${jwtId}/baked`, { method: 'POST', headers: { authorization: `Bearer ${issuerKey}`, 'content-type': 'image/png' }, body: 'plain text' });
    assert.ok([415, 422].includes(notAnImage.status), String(notAnImage.status));
  });

  it('answers without a key, with the wrong scope, with a bad body or an unknown achievement with problem+json', async () => {
    assert.equal((await call('POST', '/v1/issuers', { name: 'X' })).response.status, 401);
    assert.equal((await call('POST', '/v1/issuers', { name: 'X' }, readOnlyKey)).response.status, 403);
    const bad = await call('POST', '/v1/issuers', { name: 'X', identifier: 'did:nope' }, issuerKey);
    assert.equal(bad.response.status, 400);
    assert.match(String(bad.body.detail ?? bad.body.title), /identifier|must/);
    const unknown = await call('POST', '/v1/credentials', { achievement: 'ach_missing', recipient: { did: 'did:example:x' } }, issuerKey);
    assert.equal(unknown.response.status, 404);
    assert.equal(unknown.body.field, 'achievement');
    assert.equal((await call('GET', '/issuers/iss_missing')).response.status, 404);
  });
});
