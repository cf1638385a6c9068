import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/testing.js';
import { OrganizationService } from '../orgs/service.js';
import { ClientService, type Client } from './clients.js';

/** What the OAuth tests start from: a fresh database, an organization and a registered wallet client. */
export interface OAuthFixture {
  db: Database;
  clients: ClientService;
  client: Client;
  orgId: string;
  /** A PKCE code verifier the tests reuse. */
  verifier: string;
  redirectUri: string;
}

export async function openOAuthFixture(registration: { redirectUris?: string[]; scope?: string } = {}): Promise<OAuthFixture> {
  const redirectUri = 'https://wallet.example/cb';
  const db = await openTestDatabase();
  const clients = new ClientService(db);
  const orgId = (await new OrganizationService(db).create({ slug: 'college', name: 'College', kind: 'institution' })).id;
  const registered = await clients.register({
    client_name: 'Wallet',
    redirect_uris: [redirectUri, ...(registration.redirectUris ?? [])],
    ...(registration.scope === undefined ? {} : { scope: registration.scope }),
  });
  const client = (await clients.find(registered.client_id)) as Client;
  return { db, clients, client, orgId, verifier: 'v'.repeat(60), redirectUri };
}
