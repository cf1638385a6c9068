import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { contextOn } from '../src/context.js';
import { didKeyForEd25519 } from '../src/credentials/dids/did-key.js';
import { generateEd25519KeyPair } from '../src/credentials/keys/key-pairs.js';
import { signDataIntegrity } from '../src/credentials/proofs/data-integrity.js';
import { signVcJwt } from '../src/credentials/proofs/vc-jwt.js';
import { openTestDatabase } from '../src/db/testing.js';
import { buildServer } from '../src/http/server.js';
import { hashSecret } from '../src/oauth/secrets.js';
import { startServer, type RunningServer } from './server.js';

interface Json { [key: string]: unknown }

const scopeBase = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';
const allScopes = ['credential.readonly', 'credential.upsert', 'profile.readonly', 'profile.update'].map((name) => scopeBase + name);
const redirectUri = 'https://client.example/callback';

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('the Open Badges 3.0 API over HTTP, with OAuth 2.0', () => {
  let server: RunningServer;
  let orgKey: string;
  let readerKey: string;
  let client: { client_id: string; client_secret: string };
  let issuedIds: string[];
  let orgId: string;

  const basic = () => `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64')}`;
  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
  const token = async (fields: Record<string, string>) => {
    const response = await form('/oauth/token', fields, { authorization: basic() });
    return { status: response.status, body: (await response.json()) as Json, response };
  };
  const api = async (method: string, path: string, accessToken?: string, body?: string, contentType = 'application/json') => {
    const headers: Record<string, string> = {};
    if (accessToken !== undefined) headers.authorization = `Bearer ${accessToken}`;
    if (body !== undefined) headers['content-type'] = contentType;
    const response = await fetch(`${server.url}/ims/ob/v3p0${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    return { response, status: response.status, text, json: (): Json => JSON.parse(text) as Json };
  };
  const authorizeQuery = (scopes: string[], challenge: string, state: string) => new URLSearchParams({
    response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope: scopes.join(' '), state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  /** The browser part: the consent page's form posted back with a decision and a key; answers the redirect. */
  const consent = async (scopes: string[], challenge: string, decision: 'approve' | 'deny', apiKey: string, state = 'st-' + randomBytes(4).toString('hex')) => {
    const response = await form('/oauth/authorize', { ...Object.fromEntries(authorizeQuery(scopes, challenge, state)), decision, api_key: apiKey });
    return { response, state, location: response.headers.get('location') };
  };
  /** The whole grant: consent, then the code for tokens. */
  const grant = async (scopes = allScopes) => {
    const { verifier, challenge } = pkcePair();
    const { location } = await consent(scopes, challenge, 'approve', orgKey);
    const code = new URL(String(location)).searchParams.get('code') as string;
    const answer = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as { access_token: string; refresh_token: string; scope: string; expires_in: number };
  };

  before(async () => {
    server = await startServer();
    const { orgs, credentials } = server.context;
    const org = await orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' });
    orgId = org.id;
    orgKey = (await orgs.createKey(org.slug, { name: 'registrar', scopes: ['credentials:issue'] })).secret;
    readerKey = (await orgs.createKey(org.slug, { name: 'reader', scopes: ['skills:read'] })).secret;
    const issuer = await credentials.issuers.create(org.id, { name: 'State College Registrar', url: 'https://college.example', email: 'registrar@college.example' });
    const achievement = await credentials.achievements.create(org.id, { issuer: issuer.id, name: 'Databases I', description: 'Designs and queries relational databases.', criteria: { narrative: 'Complete the project.' } });
    issuedIds = [];
    for (const proof of ['eddsa-rdfc-2022', 'jwt-eddsa', 'eddsa-rdfc-2022'] as const) {
      issuedIds.push((await credentials.issuance.issue(org.id, { achievement: achievement.id, recipient: { email: `learner${issuedIds.length}@example.edu` }, proof })).id);
    }
    // Another organization's credential must never show.
    const other = await orgs.create({ slug: 'other-school', name: 'Other School', kind: 'institution' });
    const otherIssuer = await credentials.issuers.create(other.id, { name: 'Other' });
    const otherAchievement = await credentials.achievements.create(other.id, { issuer: otherIssuer.id, name: 'Other badge', description: 'Other.', criteria: { narrative: 'Other.' } });
    await credentials.issuance.issue(other.id, { achievement: otherAchievement.id, recipient: { email: 'x@example.edu' } });

    const registered = await fetch(`${server.url}/oauth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Badge Wallet <Test>', client_uri: 'https://client.example', redirect_uris: [redirectUri], scope: allScopes.join(' '), token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
    });
    assert.equal(registered.status, 201);
    client = (await registered.json()) as { client_id: string; client_secret: string };
  });
  after(async () => server.close());

  it('publishes a discovery document naming its OAuth endpoints from the public URL, without a token', async () => {
    const discovery = await api('GET', '/discovery');
    assert.equal(discovery.status, 200);
    const scheme = ((discovery.json().components as Json).securitySchemes as Json).OAuth2ACG as Json;
    assert.equal(scheme['x-imssf-registrationUrl'], 'https://openler.test/oauth/register');
    const flow = (scheme.flows as Json).authorizationCode as Json;
    assert.equal(flow.authorizationUrl, 'https://openler.test/oauth/authorize');
    assert.equal(flow.tokenUrl, 'https://openler.test/oauth/token');
    assert.equal(flow.refreshUrl, 'https://openler.test/oauth/token');
    assert.deepEqual(Object.keys(flow.scopes as Json).sort(), [...allScopes].sort());
    // openler's own OpenAPI document lists the routes too.
    const openapi = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Json };
    for (const path of ['/ims/ob/v3p0/credentials', '/ims/ob/v3p0/profile', '/oauth/register', '/oauth/authorize', '/oauth/token', '/oauth/revoke']) assert.ok(path in openapi.paths, path);
    const metadata = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Json;
    assert.equal(metadata.revocation_endpoint, 'https://openler.test/oauth/revoke');
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  });

  it('names fully qualified terms and privacy URLs in the discovery document, by default its own plain pages', async () => {
    const discovery = (await api('GET', '/discovery')).json();
    // What the spec requires of a ServiceDescriptionDocument and its OpenApiInfo and OAuth2 scheme.
    assert.match(String(discovery.openapi), /^3\.0\.\d+$/);
    const info = discovery.info as Json;
    for (const field of ['title', 'version', 'termsOfService', 'x-imssf-privacyPolicyUrl']) assert.equal(typeof info[field], 'string', field);
    assert.equal(info.termsOfService, 'https://openler.test/terms');
    assert.equal(info['x-imssf-privacyPolicyUrl'], 'https://openler.test/privacy');
    const scheme = ((discovery.components as Json).securitySchemes as Json).OAuth2ACG as Json;
    assert.equal(scheme.type, 'oauth2');
    assert.equal(scheme['x-imssf-termsOfServiceUrl'], 'https://openler.test/terms');
    assert.equal(scheme['x-imssf-privacyPolicyUrl'], 'https://openler.test/privacy');

    for (const [path, title, setting] of [['/terms', 'Terms of service', 'OPENLER_TERMS_URL'], ['/privacy', 'Privacy policy', 'OPENLER_PRIVACY_URL']] as const) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(String(page.headers.get('content-type')), /^text\/html/);
      const html = await page.text();
      assert.match(html, new RegExp(`<h1>${title}</h1>`));
      assert.match(html, /set by the organization that operates this deployment/);
      assert.match(html, new RegExp(`<code>${setting}</code>`), 'the page names the setting that replaces it');
    }
  });

  it("points the discovery document and the pages at the operator's own policies when they are set", async () => {
    const context = await contextOn(await openTestDatabase(), {
      loadDefaultLibrary: false, publicUrl: 'https://badges.example.org',
      obApi: { termsUrl: 'https://college.example/terms?lang=en&v=2', privacyUrl: 'https://college.example/privacy' },
    });
    const app = await buildServer(context);
    try {
      const discovery = (await app.inject({ method: 'GET', url: '/ims/ob/v3p0/discovery' })).json<Json>();
      assert.equal((discovery.info as Json).termsOfService, 'https://college.example/terms?lang=en&v=2');
      assert.equal((discovery.info as Json)['x-imssf-privacyPolicyUrl'], 'https://college.example/privacy');
      const terms = (await app.inject({ method: 'GET', url: '/terms' })).body;
      assert.match(terms, /publishes it at <a href="https:\/\/college\.example\/terms\?lang=en&#38;v=2">/, 'linked, escaped');
      assert.doesNotMatch(terms, /has not named/);
    } finally {
      await app.close();
      await context.close();
    }
    await assert.rejects(contextOn(await openTestDatabase(), { loadDefaultLibrary: false, obApi: { privacyUrl: 'privacy.html' } }), /OPENLER_PRIVACY_URL must be a fully qualified URL/);
  });

  it('requires an initial access token to register under OPENLER_OAUTH_REGISTRATION=token, answering as RFC 6750', async () => {
    const context = await contextOn(await openTestDatabase(), { loadDefaultLibrary: false, publicUrl: 'https://badges.example.org', obApi: { registration: 'token' } });
    const app = await buildServer(context);
    try {
      const org = await context.orgs.create({ slug: 'registrar', name: 'Registrar', kind: 'institution' });
      const issuerKey = (await context.orgs.createKey(org.slug, { name: 'apps', scopes: ['credentials:issue'] })).secret;
      const readerOnly = (await context.orgs.createKey(org.slug, { name: 'reader', scopes: ['skills:read'] })).secret;
      const register = (authorization?: string) => app.inject({
        method: 'POST', url: '/oauth/register', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload: JSON.stringify({ client_name: 'Wallet', redirect_uris: [redirectUri] }),
      });
      const anonymous = await register();
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.headers['www-authenticate'], 'Bearer realm="openler"', 'no error code when no token was sent (RFC 6750 section 3.1)');
      assert.equal(anonymous.json<Json>().error, 'invalid_token');
      assert.match(String(anonymous.json<Json>().error_description), /initial access token/);
      const unknownKey = await register(`Bearer olk_0000000000000000_${'A'.repeat(43)}`);
      assert.equal(unknownKey.statusCode, 401);
      assert.match(String(unknownKey.headers['www-authenticate']), /^Bearer realm="openler", error="invalid_token", error_description="unknown API key"$/);
      const lacking = await register(`Bearer ${readerOnly}`);
      assert.equal(lacking.statusCode, 403);
      assert.equal(lacking.json<Json>().error, 'insufficient_scope');
      assert.match(String(lacking.headers['www-authenticate']), /error="insufficient_scope", scope="credentials:issue"/);
      const accepted = await register(`Bearer ${issuerKey}`);
      assert.equal(accepted.statusCode, 201, accepted.body);
      assert.match(String(accepted.json<Json>().client_id), /^obc_/);
      const scheme = ((app.swagger() as unknown as { paths: Record<string, Record<string, Json>> }).paths['/oauth/register']?.post?.description);
      assert.match(String(scheme), /initial access token/);
      const discovery = (await app.inject({ method: 'GET', url: '/ims/ob/v3p0/discovery' })).json<Json>();
      assert.match(String((((discovery.components as Json).securitySchemes as Json).OAuth2ACG as Json).description), /initial access token/);
    } finally {
      await app.close();
      await context.close();
    }
    // This server runs the default: open registration, no token needed (the client of these tests registered so).
    assert.match(client.client_id, /^obc_/);
  });

  it("declares the OAuth 2.0 scheme in openler's OpenAPI document and requires it, scope by scope, on the Open Badges routes", async () => {
    type Operation = { security?: Array<Record<string, string[]>> };
    const openapi = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, Json> } };
    const scheme = openapi.components.securitySchemes.OAuth2ACG as Json;
    assert.equal(scheme.type, 'oauth2');
    const flow = (scheme.flows as Json).authorizationCode as Json;
    assert.equal(flow.authorizationUrl, 'https://openler.test/oauth/authorize');
    assert.equal(flow.tokenUrl, 'https://openler.test/oauth/token');
    assert.equal(flow.refreshUrl, 'https://openler.test/oauth/token');
    assert.deepEqual(Object.keys(flow.scopes as Json).sort(), [...allScopes].sort());
    assert.ok(openapi.components.securitySchemes.apiKey, 'the API key scheme stays for the other routes');
    const expected: Array<[string, string, string]> = [
      ['/ims/ob/v3p0/credentials', 'get', 'credential.readonly'],
      ['/ims/ob/v3p0/credentials', 'post', 'credential.upsert'],
      ['/ims/ob/v3p0/profile', 'get', 'profile.readonly'],
      ['/ims/ob/v3p0/profile', 'put', 'profile.update'],
    ];
    for (const [path, method, scope] of expected) {
      assert.deepEqual(openapi.paths[path]?.[method]?.security, [{ OAuth2ACG: [scopeBase + scope] }], `${method} ${path}`);
    }
    assert.deepEqual(openapi.paths['/ims/ob/v3p0/discovery']?.get?.security, [], 'discovery is public');
    // The discovery document describes the same scheme.
    const discovery = (await api('GET', '/discovery')).json();
    assert.deepEqual(((discovery.components as Json).securitySchemes as Json).OAuth2ACG, scheme);
  });

  it('registers a client, shows the consent page, and refuses bad registrations', async () => {
    assert.match(client.client_id, /^obc_/);
    assert.match(client.client_secret, /^obs_/);
    const page = await fetch(`${server.url}/oauth/authorize?${authorizeQuery(allScopes, pkcePair().challenge, 'xyz').toString()}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const html = await page.text();
    assert.match(html, /Badge Wallet &#60;Test&#62;/, 'the client name is shown, escaped');
    assert.match(html, /name="state" value="xyz"/);
    assert.match(html, /credential\.upsert/);
    assert.match(html, /credentials:issue/);
    const badRedirect = await fetch(`${server.url}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'X', redirect_uris: ['http://evil.example/cb'] }) });
    assert.equal(badRedirect.status, 400);
    assert.equal(((await badRedirect.json()) as Json).error, 'invalid_redirect_uri');
    const noName = await fetch(`${server.url}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [redirectUri] }) });
    assert.equal(((await noName.json()) as Json).error, 'invalid_client_metadata');
    // A redirect URI the client did not register gets an error page, never a redirect.
    const foreign = authorizeQuery(allScopes, pkcePair().challenge, 'xyz');
    foreign.set('redirect_uri', 'https://attacker.example/cb');
    const refused = await fetch(`${server.url}/oauth/authorize?${foreign.toString()}`, { redirect: 'manual' });
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('location'), null);
    // Without PKCE the error goes back to the client's registered URI.
    const noPkce = authorizeQuery(allScopes, pkcePair().challenge, 'abc');
    noPkce.delete('code_challenge');
    const bounced = await fetch(`${server.url}/oauth/authorize?${noPkce.toString()}`, { redirect: 'manual' });
    assert.equal(bounced.status, 303);
    const bouncedTo = new URL(String(bounced.headers.get('location')));
    assert.equal(bouncedTo.searchParams.get('error'), 'invalid_request');
    assert.equal(bouncedTo.searchParams.get('state'), 'abc');
  });

  it('approves only with a key of the organization holding credentials:issue; denial goes back as access_denied', async () => {
    const { challenge } = pkcePair();
    const wrongKey = await consent(allScopes, challenge, 'approve', 'olk_0000000000000000_' + 'A'.repeat(43));
    assert.equal(wrongKey.response.status, 401);
    assert.match(await wrongKey.response.text(), /Not approved: unknown API key/);
    const lacking = await consent(allScopes, challenge, 'approve', readerKey);
    assert.equal(lacking.response.status, 403);
    const denied = await consent(allScopes, challenge, 'deny', '');
    assert.equal(denied.response.status, 303);
    const deniedTo = new URL(String(denied.location));
    assert.equal(`${deniedTo.origin}${deniedTo.pathname}`, redirectUri);
    assert.equal(deniedTo.searchParams.get('error'), 'access_denied');
    assert.equal(deniedTo.searchParams.get('state'), denied.state);
    assert.equal(deniedTo.searchParams.get('code'), null);
  });

  it('exchanges a code once, only with the right PKCE verifier; a replayed code revokes what it gave', async () => {
    const { verifier, challenge } = pkcePair();
    const approved = await consent(allScopes, challenge, 'approve', orgKey);
    assert.equal(approved.response.status, 303);
    const back = new URL(String(approved.location));
    assert.equal(back.searchParams.get('state'), approved.state);
    const code = back.searchParams.get('code') as string;
    const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: pkcePair().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    const missing = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    assert.equal(missing.body.error, 'invalid_request');
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.token_type, 'Bearer');
    assert.equal(first.body.expires_in, 3600);
    assert.equal(first.response.headers.get('cache-control'), 'no-store');
    assert.equal((await api('GET', '/credentials', String(first.body.access_token))).status, 200);
    const replay = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal((await api('GET', '/credentials', String(first.body.access_token))).status, 401);
    const refreshAfterReplay = await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    assert.equal(refreshAfterReplay.body.error, 'invalid_grant');

    // A code older than ten minutes is refused.
    const late = pkcePair();
    const lateCode = new URL(String((await consent(allScopes, late.challenge, 'approve', orgKey)).location)).searchParams.get('code') as string;
    await server.context.db.query("UPDATE oauth_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [hashSecret(lateCode)]);
    const expired = await token({ grant_type: 'authorization_code', code: lateCode, redirect_uri: redirectUri, code_verifier: late.verifier });
    assert.equal(expired.body.error, 'invalid_grant');
    assert.match(String(expired.body.error_description), /expired/);
  });

  it('authenticates clients by their registered method only', async () => {
    const wrongSecret = await form('/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x' }, { authorization: `Basic ${Buffer.from(`${client.client_id}:nope`).toString('base64')}` });
    assert.equal(wrongSecret.status, 401);
    assert.equal(((await wrongSecret.json()) as Json).error, 'invalid_client');
    assert.match(String(wrongSecret.headers.get('www-authenticate')), /^Basic/);
    const posted = await form('/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x', client_id: client.client_id, client_secret: client.client_secret });
    assert.equal(posted.status, 401, 'registered client_secret_basic, so client_secret_post is refused');
    const unsupported = await token({ grant_type: 'password', username: 'a', password: 'b' });
    assert.equal(unsupported.body.error, 'unsupported_grant_type');
  });

  it('lists the organization\'s credentials newest first with X-Total-Count and Link paging', async () => {
    const { access_token: accessToken } = await grant();
    const firstPage = await api('GET', '/credentials?limit=2', accessToken);
    assert.equal(firstPage.status, 200, firstPage.text);
    assert.equal(firstPage.response.headers.get('x-total-count'), '3');
    const link = String(firstPage.response.headers.get('link'));
    assert.match(link, /<https:\/\/openler\.test\/ims\/ob\/v3p0\/credentials\?limit=2&offset=2>; rel="next"/);
    assert.match(link, /<https:\/\/openler\.test\/ims\/ob\/v3p0\/credentials\?limit=2&offset=2>; rel="last"/);
    assert.match(link, /<https:\/\/openler\.test\/ims\/ob\/v3p0\/credentials\?limit=2&offset=0>; rel="first"/);
    assert.doesNotMatch(link, /rel="prev"/);
    const body = firstPage.json() as { credential: Json[]; compactJwsString: string[] };
    // Newest first: the third issued (JSON), then the second (a JWT).
    assert.deepEqual(body.credential.map((credential) => credential.id), [issuedIds[2]]);
    assert.deepEqual(body.credential[0], (await server.context.credentials.issuance.get(orgId, issuedIds[2] as string)).credential, 'served as signed');
    assert.equal(body.compactJwsString.length, 1);
    assert.equal(body.compactJwsString[0], (await server.context.credentials.issuance.get(orgId, issuedIds[1] as string)).credential);
    assert.match(body.compactJwsString[0] as string, /^[\w-]+\.[\w-]+\.[\w-]+$/);

    const secondPage = await api('GET', '/credentials?limit=2&offset=2', accessToken);
    const second = secondPage.json() as { credential: Json[]; compactJwsString: string[] };
    assert.deepEqual(second.credential.map((credential) => credential.id), [issuedIds[0]]);
    const secondLink = String(secondPage.response.headers.get('link'));
    assert.match(secondLink, /offset=0>; rel="prev"/);
    assert.doesNotMatch(secondLink, /rel="next"/);

    const none = await api('GET', `/credentials?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, accessToken);
    assert.equal(none.response.headers.get('x-total-count'), '0');
    assert.deepEqual(none.json(), { credential: [], compactJwsString: [] });
    const badLimit = await api('GET', '/credentials?limit=0', accessToken);
    assert.equal(badLimit.status, 400);
    assert.equal(((badLimit.json().imsx_codeMinor as Json).imsx_codeMinorField as Json[])[0]?.imsx_codeMinorFieldValue, 'invalid_query_parameter');
  });

  it('upserts only credentials that verify: 201 when new, 200 when replaced, JSON or compact JWS; refuses the rest with Imsx_StatusInfo, storing nothing', async () => {
    const { access_token: accessToken } = await grant();
    const { documentLoader } = server.context.credentials;
    const heldRows = async () => (await server.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ob_credentials WHERE org_id = $1', [orgId]))[0]?.n;
    const everything = async () => {
      const page = await api('GET', '/credentials?limit=1000', accessToken);
      return { total: page.response.headers.get('x-total-count'), ...(page.json() as { credential: Json[]; compactJwsString: string[] }) };
    };
    const codeMinorOf = (body: Json) => ((body.imsx_codeMinor as Json).imsx_codeMinorField as Json[])[0]?.imsx_codeMinorFieldValue;
    const listed = await everything();
    const issued = listed.credential.find((credential) => credential.id === issuedIds[0]) as Json;
    const heldBefore = await heldRows();

    // openler's own credentials, sent back unchanged: accepted, as replacing themselves.
    const same = await api('POST', '/credentials', accessToken, JSON.stringify(issued));
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.json(), issued);
    const jws = listed.compactJwsString[0] as string;
    const jwsAgain = await api('POST', '/credentials', accessToken, jws, 'text/plain');
    assert.equal(jwsAgain.status, 200, jwsAgain.text);
    assert.equal(jwsAgain.text, jws);
    assert.match(String(jwsAgain.response.headers.get('content-type')), /^text\/plain/);

    // The QA repro: openler's credential with its achievement renamed.
    const tampered = structuredClone(issued);
    ((tampered.credentialSubject as Json).achievement as Json).name = 'Databases IV';
    const refused = await api('POST', '/credentials', accessToken, JSON.stringify(tampered));
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.json().imsx_codeMajor, 'failure');
    assert.match(String(refused.json().imsx_description), /does not verify: the proof check failed: /);
    assert.equal(codeMinorOf(refused.json()), 'invalid_data');
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { vc: { credentialSubject: { achievement: Json } } };
    claims.vc.credentialSubject.achievement.name = 'Databases IV';
    const forgedJws = await api('POST', '/credentials', accessToken, `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`, 'text/plain');
    assert.equal(forgedJws.status, 400, forgedJws.text);
    assert.match(String(forgedJws.json().imsx_description), /the proof check failed/);
    const unsigned = structuredClone(issued);
    delete unsigned.proof;
    const unsignedAnswer = await api('POST', '/credentials', accessToken, JSON.stringify(unsigned));
    assert.equal(unsignedAnswer.status, 400);
    assert.match(String(unsignedAnswer.json().imsx_description), /the proof check failed: the credential has no proof/);
    assert.deepEqual(await everything(), listed, 'the listing is as before');
    assert.equal(await heldRows(), heldBefore, 'nothing refused was stored');

    // Another issuer's credential, signed with its did:key: held, and replaced by its newer version.
    const foreignKey = await generateEd25519KeyPair();
    const foreignDid = await didKeyForEd25519(foreignKey.publicKeyMultibase);
    const signed = (credential: Json) => signDataIntegrity(credential, { keyPair: foreignKey, verificationMethod: foreignDid.verificationMethodId, documentLoader });
    const seconds = (offset: number) => new Date(Date.now() + offset).toISOString().replace(/\.\d+Z$/, 'Z');
    const foreignBadge = (id: string, validFrom: string, name = 'Welding I'): Json => ({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id, type: ['VerifiableCredential', 'OpenBadgeCredential'], name,
      issuer: { id: foreignDid.did, type: ['Profile'], name: 'Trade School' },
      validFrom,
      credentialSubject: {
        id: 'did:example:learner-4', type: ['AchievementSubject'],
        achievement: { id: 'https://trade.example/achievements/welding', type: ['Achievement'], name, description: 'Welds steel.', criteria: { narrative: 'Pass the weld test.' } },
      },
    });
    const foreignId = `urn:uuid:${crypto.randomUUID()}`;
    const first = await signed(foreignBadge(foreignId, seconds(-60_000)));
    const created = await api('POST', '/credentials', accessToken, JSON.stringify(first));
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.json(), first);
    const newer = await signed(foreignBadge(foreignId, seconds(-30_000), 'Welding I (renamed)'));
    const replaced = await api('POST', '/credentials', accessToken, JSON.stringify(newer), 'application/vc+ld+json');
    assert.equal(replaced.status, 200, replaced.text);
    const older = await api('POST', '/credentials', accessToken, JSON.stringify(first));
    assert.equal(older.status, 409, 'an older version does not replace a newer one');
    assert.match(String(older.json().imsx_description), /newer version/);
    const foreignJws = await signVcJwt(foreignBadge(`urn:uuid:${crypto.randomUUID()}`, seconds(-90_000)), { keyPair: foreignKey, kid: foreignDid.verificationMethodId });
    const jwsCreated = await api('POST', '/credentials', accessToken, foreignJws, 'text/plain');
    assert.equal(jwsCreated.status, 201, jwsCreated.text);
    assert.equal(jwsCreated.text, foreignJws);

    // Validly signed by that issuer, but under the id of a credential openler issued.
    const squatter = await api('POST', '/credentials', accessToken, JSON.stringify(await signed(foreignBadge(issuedIds[0] as string, seconds(0)))));
    assert.equal(squatter.status, 409, squatter.text);
    assert.match(String(squatter.json().imsx_description), /a credential openler issued/);

    const after = await everything();
    assert.equal(after.total, String(Number(listed.total) + 2));
    assert.equal(after.credential.find((credential) => credential.id === foreignId)?.name, 'Welding I (renamed)');
    assert.ok(after.compactJwsString.includes(foreignJws));
    assert.deepEqual(after.credential.find((credential) => credential.id === issuedIds[0]), issued, "openler's credential is listed as it was issued");

    const malformed = await api('POST', '/credentials', accessToken, JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'https://x.example' }));
    assert.equal(malformed.status, 400);
    const info = malformed.json();
    assert.equal(info.imsx_codeMajor, 'failure');
    assert.equal(info.imsx_severity, 'error');
    assert.match(String(info.imsx_description), /not a valid Open Badges credential: the structure check failed/);
    assert.equal(codeMinorOf(info), 'invalid_data');
    const notJson = await api('POST', '/credentials', accessToken, '{"broken', 'application/json');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json().imsx_codeMajor, 'failure');
    const notJws = await api('POST', '/credentials', accessToken, 'not a jws', 'text/plain');
    assert.equal(notJws.status, 400);
    const wrongMethod = await api('DELETE', '/credentials', accessToken);
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.response.headers.get('allow'), 'GET, POST');
  });

  it("reads and updates the organization's profile", async () => {
    const { access_token: accessToken } = await grant();
    const profile = await api('GET', '/profile', accessToken);
    assert.equal(profile.status, 200);
    const read = profile.json();
    assert.equal(read.name, 'State College');
    assert.equal(read.url, 'https://college.example');
    assert.deepEqual(read.type, ['Profile']);
    const updated = await api('PUT', '/profile', accessToken, JSON.stringify({ ...read, phone: '+1 555 0100', description: 'A college.' }));
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.json().phone, '+1 555 0100');
    const again = (await api('GET', '/profile', accessToken)).json();
    assert.equal(again.description, 'A college.');
    assert.equal(again.id, read.id);
    const invalid = await api('PUT', '/profile', accessToken, JSON.stringify({ id: read.id, type: 'Achievement' }));
    assert.equal(invalid.status, 400);
    assert.equal(invalid.json().imsx_codeMajor, 'failure');
    // Links wallets render must be web links, as for issuers.
    for (const unsafe of [{ url: 'javascript:alert(1)' }, { image: { id: 'javascript:alert(1)', type: 'Image' } }, { email: 'nope' }]) {
      const refused = await api('PUT', '/profile', accessToken, JSON.stringify({ ...read, ...unsafe }));
      assert.equal(refused.status, 400, JSON.stringify(unsafe));
    }
    assert.equal((await api('GET', '/profile', accessToken)).json().url, 'https://college.example');
  });

  it('refuses requests without a token, with an unknown, expired or revoked one, or without the scope', async () => {
    const anonymous = await api('GET', '/credentials');
    assert.equal(anonymous.status, 401);
    assert.match(String(anonymous.response.headers.get('www-authenticate')), /^Bearer/);
    assert.equal(anonymous.json().imsx_codeMajor, 'failure');
    const unknown = await api('GET', '/credentials', 'obat_nope');
    assert.equal(unknown.status, 401);
    assert.match(String(unknown.response.headers.get('www-authenticate')), /error="invalid_token"/);
    const apiKey = await api('GET', '/credentials', orgKey);
    assert.equal(apiKey.status, 401, 'an openler API key is not an OAuth access token');
    // The token is checked before the query: no token and a bad limit is still a 401.
    assert.equal((await api('GET', '/credentials?limit=0')).status, 401);

    const readOnly = await grant([scopeBase + 'credential.readonly']);
    assert.equal(readOnly.scope, scopeBase + 'credential.readonly');
    assert.equal((await api('GET', '/credentials', readOnly.access_token)).status, 200);
    const upsert = await api('POST', '/credentials', readOnly.access_token, '{}');
    assert.equal(upsert.status, 403);
    assert.equal(((upsert.json().imsx_codeMinor as Json).imsx_codeMinorField as Json[])[0]?.imsx_codeMinorFieldValue, 'forbidden');
    assert.match(String(upsert.response.headers.get('www-authenticate')), /insufficient_scope/);
    assert.equal((await api('GET', '/profile', readOnly.access_token)).status, 403);

    const expiring = await grant();
    await server.context.db.query("UPDATE oauth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashSecret(expiring.access_token)]);
    const expired = await api('GET', '/credentials', expiring.access_token);
    assert.equal(expired.status, 401);
    assert.match(String(expired.json().imsx_description), /expired/);
  });

  it('rotates refresh tokens, treats a replayed one as theft, and revokes tokens (RFC 7009)', async () => {
    const tokens = await grant();
    const narrower = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: scopeBase + 'profile.readonly' });
    assert.equal(narrower.status, 200, JSON.stringify(narrower.body));
    assert.equal(narrower.body.scope, scopeBase + 'profile.readonly');
    assert.notEqual(narrower.body.refresh_token, tokens.refresh_token);
    assert.equal((await api('GET', '/profile', String(narrower.body.access_token))).status, 200);
    assert.equal((await api('GET', '/credentials', String(narrower.body.access_token))).status, 403);
    // The new refresh token keeps the original grant's scopes.
    const full = await token({ grant_type: 'refresh_token', refresh_token: String(narrower.body.refresh_token) });
    assert.equal(full.body.scope, allScopes.join(' '));
    const wider = await token({ grant_type: 'refresh_token', refresh_token: String(full.body.refresh_token), scope: 'https://example.com/other' });
    assert.equal(wider.body.error, 'invalid_scope');
    // Presenting a replaced refresh token again revokes the whole grant.
    const replay = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal((await api('GET', '/credentials', String(full.body.access_token))).status, 401);
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: String(full.body.refresh_token) })).body.error, 'invalid_grant');

    const other = await grant();
    const revokeAccess = await form('/oauth/revoke', { token: other.access_token, token_type_hint: 'access_token' }, { authorization: basic() });
    assert.equal(revokeAccess.status, 200);
    const revoked = await api('GET', '/credentials', other.access_token);
    assert.equal(revoked.status, 401);
    assert.match(String(revoked.json().imsx_description), /revoked/);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: other.refresh_token });
    assert.equal(refreshed.status, 200, 'revoking an access token leaves its refresh token');
    assert.equal((await form('/oauth/revoke', { token: String(refreshed.body.refresh_token) }, { authorization: basic() })).status, 200);
    assert.equal((await api('GET', '/credentials', String(refreshed.body.access_token))).status, 401, 'revoking a refresh token revokes its grant');
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token) })).body.error, 'invalid_grant');
    assert.equal((await form('/oauth/revoke', { token: 'never-issued' }, { authorization: basic() })).status, 200);
    assert.equal((await form('/oauth/revoke', { token: 'x' })).status, 401);
  });
});
