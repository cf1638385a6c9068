import type { Database } from '../db/database.js';
import type { IssuerService } from '../credentials/issuers/service.js';
import type { OrganizationService } from '../orgs/service.js';
import { AuthorizationService } from './authorization.js';
import { ClientService } from './clients.js';
import { ObCredentialStore } from './ob-credentials.js';
import { ObProfileService } from './ob-profile.js';
import { ExpiredGrantPurger } from './purge.js';
import type { ObApiSettings } from './settings.js';
import { TokenService } from './tokens.js';

/** The Open Badges 3.0 API's domain: the OAuth 2.0 authorization server and the resources it guards. */
export interface ObApiServices {
  clients: ClientService;
  authorization: AuthorizationService;
  tokens: TokenService;
  credentials: ObCredentialStore;
  profiles: ObProfileService;
  settings: ObApiSettings;
}

export function obApiServices(db: Database, orgs: OrganizationService, issuers: IssuerService, settings: ObApiSettings): ObApiServices {
  const clients = new ClientService(db, settings.registration);
  // One purger for codes and tokens, so the process purges at most once per interval.
  const purger = new ExpiredGrantPurger(db);
  return {
    settings,
    clients,
    authorization: new AuthorizationService(db, clients, purger),
    tokens: new TokenService(db, purger),
    credentials: new ObCredentialStore(db),
    profiles: new ObProfileService(db, orgs, issuers),
  };
}
