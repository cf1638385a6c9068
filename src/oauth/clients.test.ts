import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../common/testing.js';
import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/testing.js';
import { OrganizationService } from '../orgs/service.js';
import { ClientService } from './clients.js';
import { allObScopes } from './scopes.js';

describe('OAuth clients', () => {
  let db: Database;
  let clients: ClientService;
  before(async () => {
    db = await openTestDatabase();
    clients = new ClientService(db);
  });
  after(async () => db.close());

  it('registers a client with defaults, stores only the hash of its secret, and authenticates it by its method', async () => {
    const registered = await clients.register({ client_name: ' Wallet ', redirect_uris: ['https://wallet.example/cb', 'http://127.0.0.1:8123/cb'], tos_uri: 'https://wallet.example/tos' });
    assert.equal(registered.client_name, 'Wallet');
    assert.equal(registered.token_endpoint_auth_method, 'client_secret_basic');
    assert.deepEqual(registered.grant_types, ['authorization_code', 'refresh_token']);
    assert.equal(registered.scope, allObScopes.join(' '));
    assert.equal(registered.client_secret_expires_at, 0);
    assert.ok(Math.abs(registered.client_id_issued_at - Date.now() / 1000) < 60);
    const stored = await db.query<{ secret_hash: string; metadata: unknown }>('SELECT secret_hash, metadata FROM oauth_clients WHERE id = $1', [registered.client_id]);
    assert.notEqual(stored[0]?.secret_hash, registered.client_secret);
    assert.doesNotMatch(JSON.stringify(stored[0]), new RegExp(registered.client_secret));

    const client = await clients.authenticate(registered.client_id, registered.client_secret, 'client_secret_basic');
    assert.equal(client.id, registered.client_id);
    assert.deepEqual(client.scopes, allObScopes);
    await assert.rejects(clients.authenticate(registered.client_id, 'wrong', 'client_secret_basic'), rejectsWith('unauthorized', /client authentication failed/, { oauthError: 'invalid_client' }));
    await assert.rejects(clients.authenticate('obc_unknown', registered.client_secret, 'client_secret_basic'), rejectsWith('unauthorized', /failed/));
    await assert.rejects(clients.authenticate(registered.client_id, registered.client_secret, 'client_secret_post'), rejectsWith('unauthorized', /registered client_secret_basic/));
  });

  it('registers openly by default; under the token policy only for a key with credentials:issue, the client then belonging to its organization', async () => {
    const metadata = { client_name: 'Wallet', redirect_uris: ['https://wallet.example/cb'] };
    const open = await clients.register(metadata);
    const owner = async (clientId: string) => (await db.query<{ org_id: string }>('SELECT org_id FROM oauth_clients WHERE id = $1', [clientId]))[0]?.org_id;
    assert.equal(await owner(open.client_id), 'org_openler');

    const orgId = (await new OrganizationService(db).create({ slug: 'registrar', name: 'Registrar', kind: 'institution' })).id;
    const guarded = new ClientService(db, 'token');
    assert.equal(guarded.registration, 'token');
    await assert.rejects(guarded.register(metadata), rejectsWith('unauthorized', /only with an initial access token/, { oauthError: 'invalid_token' }));
    await assert.rejects(guarded.register(metadata, { orgId, keyId: 'k1', scopes: ['skills:read', 'org:admin'] }), rejectsWith('forbidden', /lacks the credentials:issue scope/, { oauthError: 'insufficient_scope', scope: 'credentials:issue' }));
    const before = await db.query('SELECT 1 FROM oauth_clients');
    const registered = await guarded.register(metadata, { orgId, keyId: 'k2', scopes: ['credentials:issue'] });
    assert.equal(await owner(registered.client_id), orgId);
    assert.equal((await db.query('SELECT 1 FROM oauth_clients')).length, before.length + 1, 'only the authorized registration wrote a client');
    // The token is checked before the metadata: an unauthorized caller learns nothing about what would be accepted.
    await assert.rejects(guarded.register({}), rejectsWith('unauthorized'));
  });

  it('refuses metadata it cannot honour, naming the field', async () => {
    const valid = { client_name: 'X', redirect_uris: ['https://x.example/cb'] };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...valid, client_name: '' }, 'invalid_client_metadata', /client_name/],
      [{ ...valid, redirect_uris: [] }, 'invalid_redirect_uri', /redirect_uris/],
      [{ ...valid, redirect_uris: ['http://x.example/cb'] }, 'invalid_redirect_uri', /https/],
      [{ ...valid, redirect_uris: ['https://x.example/cb#frag'] }, 'invalid_redirect_uri', /fragment/],
      [{ ...valid, redirect_uris: ['/relative'] }, 'invalid_redirect_uri', /absolute/],
      [{ ...valid, token_endpoint_auth_method: 'none' }, 'invalid_client_metadata', /token_endpoint_auth_method/],
      [{ ...valid, grant_types: ['client_credentials'] }, 'invalid_client_metadata', /grant_types/],
      [{ ...valid, response_types: ['token'] }, 'invalid_client_metadata', /response_types/],
      [{ ...valid, scope: 'openid' }, 'invalid_client_metadata', /unknown scope openid/],
      [{ ...valid, logo_uri: 'javascript:alert(1)' }, 'invalid_client_metadata', /logo_uri/],
    ];
    for (const [metadata, error, pattern] of cases) {
      await assert.rejects(clients.register(metadata), rejectsWith('bad_request', pattern, { oauthError: error }), JSON.stringify(metadata));
    }
    await assert.rejects(clients.register('text'), rejectsWith('bad_request', /JSON object/));
  });
});
