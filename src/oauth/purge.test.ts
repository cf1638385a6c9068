import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../db/database.js';
import { AuthorizationService } from './authorization.js';
import type { ClientService, Client } from './clients.js';
import { challengeOf } from './pkce.js';
import { ExpiredGrantPurger } from './purge.js';
import { hashSecret } from './secrets.js';
import { openOAuthFixture } from './testing.js';
import { TokenService } from './tokens.js';

describe('purging expired codes and tokens', () => {
  let db: Database;
  let clients: ClientService;
  let client: Client;
  let orgId: string;
  let verifier: string;
  let redirectUri: string;

  before(async () => {
    ({ db, clients, client, orgId, verifier, redirectUri } = await openOAuthFixture());
  });
  after(async () => db.close());

  /** The code and token services sharing one purger, as the context wires them. */
  const services = (purger: ExpiredGrantPurger) => ({ authorization: new AuthorizationService(db, clients, purger), tokens: new TokenService(db, purger) });
  const codeFor = async (authorization: AuthorizationService) => {
    const request = await authorization.check({ response_type: 'code', client_id: client.id, redirect_uri: redirectUri, code_challenge: challengeOf(verifier), code_challenge_method: 'S256' });
    return (await authorization.approve(request, orgId)).code;
  };
  const exists = async (table: 'oauth_codes' | 'oauth_tokens', secret: string) =>
    (await db.query(`SELECT 1 FROM ${table} WHERE ${table === 'oauth_codes' ? 'code_hash' : 'token_hash'} = $1`, [hashSecret(secret)])).length === 1;
  const age = (table: 'oauth_codes' | 'oauth_tokens', secret: string, set: string) =>
    db.query(`UPDATE ${table} SET ${set} WHERE ${table === 'oauth_codes' ? 'code_hash' : 'token_hash'} = $1`, [hashSecret(secret)]);

  it('deletes codes and tokens a day past their expiry and old used codes; keeps live ones, recent ones and replaced refresh tokens', async () => {
    // A purger that comes due only once (on its first run, before anything aged), so only the explicit purges below delete.
    const purger = new ExpiredGrantPurger(db, Number.POSITIVE_INFINITY);
    const { authorization, tokens } = services(purger);
    const liveCode = await codeFor(authorization);
    const justExpiredCode = await codeFor(authorization);
    const expiredCode = await codeFor(authorization);
    const usedCode = await codeFor(authorization);
    const oldUsedCode = await codeFor(authorization);
    const pair = await tokens.exchangeCode(client, { code: usedCode, redirect_uri: redirectUri, code_verifier: verifier });
    await tokens.exchangeCode(client, { code: oldUsedCode, redirect_uri: redirectUri, code_verifier: verifier });
    const rotated = await tokens.refresh(client, { refresh_token: String(pair.refresh_token) });
    const expiring = await tokens.exchangeCode(client, { code: await codeFor(authorization), redirect_uri: redirectUri, code_verifier: verifier });

    await age('oauth_codes', justExpiredCode, "expires_at = now() - interval '1 minute'");
    await age('oauth_codes', expiredCode, "expires_at = now() - interval '2 days'");
    await age('oauth_codes', usedCode, "expires_at = now() - interval '2 days'");
    await age('oauth_codes', oldUsedCode, "created_at = now() - interval '31 days', expires_at = now() - interval '31 days'");
    await age('oauth_tokens', expiring.access_token, "expires_at = now() - interval '2 days'");
    await age('oauth_tokens', String(expiring.refresh_token), "expires_at = now() - interval '2 days'");
    await age('oauth_tokens', rotated.access_token, "expires_at = now() - interval '1 minute'");

    const counts = await purger.purge();
    assert.deepEqual(counts, { codes: 2, tokens: 2 });
    assert.equal(await exists('oauth_codes', expiredCode), false, 'an unused code two days past expiry');
    assert.equal(await exists('oauth_codes', oldUsedCode), false, 'a used code older than a refresh token lives');
    assert.equal(await exists('oauth_tokens', expiring.access_token), false);
    assert.equal(await exists('oauth_tokens', String(expiring.refresh_token)), false);
    assert.equal(await exists('oauth_codes', liveCode), true);
    assert.equal(await exists('oauth_codes', justExpiredCode), true, 'kept a day, so the client is told it expired');
    assert.equal(await exists('oauth_codes', usedCode), true, 'a used code stays, so a replay still revokes its grant');
    assert.equal(await exists('oauth_tokens', rotated.access_token), true);
    assert.equal(await exists('oauth_tokens', String(pair.refresh_token)), true, 'a replaced refresh token that has not expired stays');
    assert.equal(await exists('oauth_tokens', pair.access_token), true);
    assert.deepEqual(await purger.purge(), { codes: 0, tokens: 0 });

    // What was kept still does its work: the replaced refresh token, presented again, revokes the grant.
    await assert.rejects(tokens.refresh(client, { refresh_token: String(pair.refresh_token) }), /already used or revoked/);
    await assert.rejects(tokens.authenticate(rotated.access_token), /revoked/);
    await assert.rejects(tokens.exchangeCode(client, { code: justExpiredCode, redirect_uri: redirectUri, code_verifier: verifier }), /the code expired/);
  });

  it('purges on the way into issuing, at most once per interval', async () => {
    const setup = services(new ExpiredGrantPurger(db, Number.POSITIVE_INFINITY));
    const stale = await setup.tokens.exchangeCode(client, { code: await codeFor(setup.authorization), redirect_uri: redirectUri, code_verifier: verifier });
    await age('oauth_tokens', stale.access_token, "expires_at = now() - interval '2 days'");
    const { authorization, tokens } = services(new ExpiredGrantPurger(db, 60_000));
    // The first issuance through a purger purges.
    const code = await codeFor(authorization);
    assert.equal(await exists('oauth_tokens', stale.access_token), false);
    // Within the interval, issuing purges nothing.
    await age('oauth_tokens', String(stale.refresh_token), "expires_at = now() - interval '2 days'");
    await tokens.exchangeCode(client, { code, redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(await exists('oauth_tokens', String(stale.refresh_token)), true);

    const eager = services(new ExpiredGrantPurger(db, 0));
    await eager.tokens.exchangeCode(client, { code: await codeFor(eager.authorization), redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(await exists('oauth_tokens', String(stale.refresh_token)), false, 'a purger whose interval passed purges when tokens are issued');
  });
});
