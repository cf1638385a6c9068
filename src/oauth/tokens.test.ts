import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../common/errors.js';
import { rejectsWith } from '../common/testing.js';
import type { Database } from '../db/database.js';
import { AuthorizationService } from './authorization.js';
import type { Client } from './clients.js';
import { challengeOf } from './pkce.js';
import { scopeCredentialRead, scopeProfileRead } from './scopes.js';
import { hashSecret } from './secrets.js';
import { openOAuthFixture } from './testing.js';
import { TokenService } from './tokens.js';

describe('authorization codes and tokens', () => {
  let db: Database;
  let authorization: AuthorizationService;
  let tokens: TokenService;
  let client: Client;
  let orgId: string;
  let verifier: string;
  let redirectUri: string;

  before(async () => {
    const fixture = await openOAuthFixture({ redirectUris: ['https://wallet.example/other'], scope: `${scopeCredentialRead} ${scopeProfileRead}` });
    ({ db, client, orgId, verifier, redirectUri } = fixture);
    authorization = new AuthorizationService(db, fixture.clients);
    tokens = new TokenService(db);
  });
  after(async () => db.close());

  const request = (overrides: Record<string, string | undefined> = {}) =>
    authorization.check({ response_type: 'code', client_id: client.id, redirect_uri: redirectUri, state: 's1', code_challenge: challengeOf(verifier), code_challenge_method: 'S256', ...overrides });
  const codeFor = async (overrides: Record<string, string | undefined> = {}) => (await authorization.approve(await request(overrides), orgId)).code;

  it('checks a request: client and redirect URI errors are not redirected, later ones are', async () => {
    const checked = await request();
    assert.deepEqual(checked.scopes, [scopeCredentialRead, scopeProfileRead]);
    assert.equal(checked.redirectGiven, true);
    await assert.rejects(request({ client_id: 'obc_nobody' }), (error) => error instanceof OpenlerError && error.details.redirectTo === undefined);
    await assert.rejects(request({ redirect_uri: 'https://evil.example/cb' }), (error) => error instanceof OpenlerError && error.details.redirectTo === undefined);
    await assert.rejects(request({ redirect_uri: undefined }), rejectsWith('bad_request', /several/));
    const redirected = async (overrides: Record<string, string | undefined>, error: string) => {
      await assert.rejects(request(overrides), (thrown) => {
        assert.ok(thrown instanceof OpenlerError);
        const to = new URL(String(thrown.details.redirectTo));
        assert.equal(to.searchParams.get('error'), error);
        assert.equal(to.searchParams.get('state'), 's1');
        return true;
      });
    };
    await redirected({ response_type: 'token' }, 'unsupported_response_type');
    await redirected({ scope: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert' }, 'invalid_scope');
    await redirected({ code_challenge_method: 'plain' }, 'invalid_request');
    const denied = new URL(authorization.deny(checked));
    assert.equal(denied.searchParams.get('error'), 'access_denied');
  });

  it('stores only the hash of a code, exchanges it once with the verifier, and revokes its tokens on replay', async () => {
    const code = await codeFor();
    assert.equal((await db.query('SELECT 1 FROM oauth_codes WHERE code_hash = $1', [code])).length, 0);
    assert.equal((await db.query('SELECT 1 FROM oauth_codes WHERE code_hash = $1', [hashSecret(code)])).length, 1);
    await assert.rejects(tokens.exchangeCode(client, { code, redirect_uri: redirectUri, code_verifier: 'w'.repeat(60) }), rejectsWith('bad_request', /code_verifier does not match/, { oauthError: 'invalid_grant' }));
    await assert.rejects(tokens.exchangeCode(client, { code, redirect_uri: 'https://wallet.example/other', code_verifier: verifier }), rejectsWith('bad_request', /redirect_uri differs/));
    const issued = await tokens.exchangeCode(client, { code, redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(issued.expires_in, 3600);
    assert.ok(issued.refresh_token);
    const grant = await tokens.authenticate(issued.access_token);
    assert.deepEqual(grant, { orgId, clientId: client.id, scopes: [scopeCredentialRead, scopeProfileRead] });
    await assert.rejects(tokens.exchangeCode(client, { code, redirect_uri: redirectUri, code_verifier: verifier }), rejectsWith('bad_request', /already used/, { oauthError: 'invalid_grant' }));
    await assert.rejects(tokens.authenticate(issued.access_token), rejectsWith('unauthorized', /revoked/, { oauthError: 'invalid_token' }));
  });

  it('refuses a code past its ten minutes, or presented by another client', async () => {
    const code = await codeFor();
    await db.query("UPDATE oauth_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [hashSecret(code)]);
    await assert.rejects(tokens.exchangeCode(client, { code, redirect_uri: redirectUri, code_verifier: verifier }), rejectsWith('bad_request', /expired/));
    const fresh = await codeFor();
    const otherClient: Client = { ...client, id: 'obc_other' };
    await assert.rejects(tokens.exchangeCode(otherClient, { code: fresh, redirect_uri: redirectUri, code_verifier: verifier }), rejectsWith('bad_request', /another client/));
    const minutes = await db.query<{ minutes: number }>('SELECT round(extract(epoch FROM expires_at - created_at) / 60) AS minutes FROM oauth_codes WHERE code_hash = $1', [hashSecret(fresh)]);
    assert.equal(Number(minutes[0]?.minutes), 10);
  });

  it('rotates refresh tokens, narrows scope on request, and revokes a grant when a replaced token comes back', async () => {
    const first = await tokens.exchangeCode(client, { code: await codeFor(), redirect_uri: redirectUri, code_verifier: verifier });
    const second = await tokens.refresh(client, { refresh_token: first.refresh_token, scope: scopeProfileRead });
    assert.equal(second.scope, scopeProfileRead);
    assert.notEqual(second.refresh_token, first.refresh_token);
    // The earlier access token still works until it expires; the refresh token it came with does not.
    assert.equal((await tokens.authenticate(first.access_token)).orgId, orgId);
    const third = await tokens.refresh(client, { refresh_token: second.refresh_token });
    assert.equal(third.scope, `${scopeCredentialRead} ${scopeProfileRead}`);
    await assert.rejects(tokens.refresh(client, { refresh_token: first.refresh_token }), rejectsWith('bad_request', /already used or revoked/, { oauthError: 'invalid_grant' }));
    await assert.rejects(tokens.authenticate(third.access_token), rejectsWith('unauthorized', /revoked/));
    await assert.rejects(tokens.refresh(client, { refresh_token: third.refresh_token }), rejectsWith('bad_request', /already used or revoked/));
    await assert.rejects(tokens.refresh(client, { refresh_token: first.access_token }), rejectsWith('bad_request', /unknown/), 'an access token is not a refresh token');
  });

  it('revokes an access token alone, a refresh token with its grant, and ignores tokens it does not know', async () => {
    const pair = await tokens.exchangeCode(client, { code: await codeFor(), redirect_uri: redirectUri, code_verifier: verifier });
    await tokens.revoke(client, pair.access_token);
    await assert.rejects(tokens.authenticate(pair.access_token), rejectsWith('unauthorized', /revoked/));
    const renewed = await tokens.refresh(client, { refresh_token: pair.refresh_token });
    await tokens.revoke({ ...client, id: 'obc_other' }, renewed.access_token);
    assert.equal((await tokens.authenticate(renewed.access_token)).orgId, orgId, "another client cannot revoke this client's token");
    await tokens.revoke(client, String(renewed.refresh_token));
    await assert.rejects(tokens.authenticate(renewed.access_token), rejectsWith('unauthorized', /revoked/));
    await tokens.revoke(client, 'obat_never_issued');
    const expiring = await tokens.exchangeCode(client, { code: await codeFor(), redirect_uri: redirectUri, code_verifier: verifier });
    await db.query("UPDATE oauth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashSecret(expiring.access_token)]);
    await assert.rejects(tokens.authenticate(expiring.access_token), rejectsWith('unauthorized', /expired/));
  });
});
