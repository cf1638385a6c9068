import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Principal } from '../orgs/model.js';
import { hashSecret, newId, newSecret } from './secrets.js';
import { allObScopes, oauthError, parseScope, type ObScope } from './scopes.js';
import type { RegistrationPolicy } from './settings.js';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** What a client registered (RFC 7591 section 2), as openler keeps it. */
export interface ClientMetadata {
  client_name: string;
  redirect_uris: string[];
  token_endpoint_auth_method: ClientAuthMethod;
  grant_types: Array<'authorization_code' | 'refresh_token'>;
  response_types: ['code'];
  scope: string;
  client_uri?: string;
  logo_uri?: string;
  tos_uri?: string;
  policy_uri?: string;
  software_id?: string;
  software_version?: string;
  contacts?: string[];
}

export interface Client {
  id: string;
  metadata: ClientMetadata;
  scopes: ObScope[];
  createdAt: Date;
}

/** The registration answer (RFC 7591 section 3.2.1): the secret is shown this once. */
export interface Registration extends ClientMetadata {
  client_id: string;
  client_secret: string;
  client_id_issued_at: number;
  client_secret_expires_at: 0;
}

const optionalUris = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'] as const;
const optionalTexts = ['software_id', 'software_version'] as const;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The API key scope an initial access token needs: the one that approves clients on the consent page. */
export const REGISTRATION_SCOPE = 'credentials:issue';

/** The organization a client belongs to when no organization registered it. */
const SYSTEM_ORG = 'org_openler';

/**
 * OAuth clients: dynamic registration (open, or with an initial access token,
 * as the policy says), and authenticating a client by its secret.
 */
export class ClientService {
  constructor(private readonly db: Database, private readonly policy: RegistrationPolicy = 'open') {}

  get registration(): RegistrationPolicy {
    return this.policy;
  }

  /**
   * Registers a client. `registrant` is whoever the request's initial access
   * token (an openler API key) stands for: required under the `token` policy,
   * and then the client belongs to its organization (RFC 7591 section 3,
   * errors as RFC 6750: invalid_token, insufficient_scope).
   */
  async register(request: unknown, registrant: Principal | null = null): Promise<Registration> {
    if (this.policy === 'token') {
      if (registrant === null) {
        throw oauthError('invalid_token', `this openler registers clients only with an initial access token: send Authorization: Bearer <an openler API key with the ${REGISTRATION_SCOPE} scope>`);
      }
      if (!registrant.scopes.includes(REGISTRATION_SCOPE)) {
        const problem = oauthError('insufficient_scope', `the initial access token (an API key) lacks the ${REGISTRATION_SCOPE} scope`);
        problem.details.scope = REGISTRATION_SCOPE;
        throw problem;
      }
    }
    const metadata = validateMetadata(request);
    const id = newId('obc');
    const secret = newSecret('obs');
    const rows = await this.db.query<{ created_at: Date }>(
      'INSERT INTO oauth_clients (org_id, id, secret_hash, metadata) VALUES ($1, $2, $3, $4) RETURNING created_at',
      [registrant?.orgId ?? SYSTEM_ORG, id, hashSecret(secret), JSON.stringify(metadata)],
    );
    const issuedAt = Math.floor(new Date((rows[0] as { created_at: Date }).created_at).getTime() / 1000);
    return { client_id: id, client_secret: secret, client_id_issued_at: issuedAt, client_secret_expires_at: 0, ...metadata };
  }

  /** A registered client, or undefined. */
  async find(clientId: string): Promise<Client | undefined> {
    const rows = await this.db.query<{ id: string; metadata: ClientMetadata; created_at: Date }>('SELECT id, metadata, created_at FROM oauth_clients WHERE id = $1', [clientId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return { id: row.id, metadata: row.metadata, scopes: parseScope(row.metadata.scope, []), createdAt: new Date(row.created_at) };
  }

  /**
   * Authenticates a client at the token and revocation endpoints by the method
   * it registered; any failure is invalid_client without saying which part was wrong.
   */
  async authenticate(clientId: string, secret: string, method: ClientAuthMethod): Promise<Client> {
    const rows = await this.db.query<{ secret_hash: string }>('SELECT secret_hash FROM oauth_clients WHERE id = $1', [clientId]);
    const expected = Buffer.from(rows[0]?.secret_hash ?? hashSecret('absent'), 'hex');
    const given = Buffer.from(hashSecret(secret), 'hex');
    const client = rows[0] === undefined || !timingSafeEqual(expected, given) ? undefined : await this.find(clientId);
    if (client === undefined) throw oauthError('invalid_client', 'client authentication failed');
    if (client.metadata.token_endpoint_auth_method !== method) {
      throw oauthError('invalid_client', `this client registered ${client.metadata.token_endpoint_auth_method}, so it authenticates that way, not with ${method}`);
    }
    return client;
  }
}

function validateMetadata(request: unknown): ClientMetadata {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) throw oauthError('invalid_client_metadata', 'the registration request must be a JSON object');
  const input = request as Record<string, unknown>;
  const name = input.client_name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw oauthError('invalid_client_metadata', 'client_name is required: the name people see on the consent page (at most 200 characters)');

  const redirects = input.redirect_uris;
  if (!Array.isArray(redirects) || redirects.length === 0 || redirects.length > 10) throw oauthError('invalid_redirect_uri', 'redirect_uris must list 1 to 10 redirection URIs');
  const redirectUris = redirects.map((uri) => checkRedirectUri(uri));

  const method = input.token_endpoint_auth_method ?? 'client_secret_basic';
  if (method !== 'client_secret_basic' && method !== 'client_secret_post') {
    throw oauthError('invalid_client_metadata', `token_endpoint_auth_method must be client_secret_basic or client_secret_post, not ${String(method)}`);
  }
  const grantTypes = input.grant_types ?? ['authorization_code', 'refresh_token'];
  if (!Array.isArray(grantTypes) || grantTypes.length === 0 || grantTypes.some((grant) => grant !== 'authorization_code' && grant !== 'refresh_token') || !grantTypes.includes('authorization_code')) {
    throw oauthError('invalid_client_metadata', 'grant_types must include authorization_code and may add refresh_token; no other grant is offered');
  }
  const responseTypes = input.response_types ?? ['code'];
  if (!Array.isArray(responseTypes) || responseTypes.length !== 1 || responseTypes[0] !== 'code') throw oauthError('invalid_client_metadata', 'response_types must be ["code"]');
  if (input.scope !== undefined && typeof input.scope !== 'string') throw oauthError('invalid_client_metadata', 'scope must be a space-delimited string');
  let scopes: ObScope[];
  try {
    scopes = parseScope(input.scope, allObScopes);
  } catch (error) {
    throw oauthError('invalid_client_metadata', error instanceof Error ? error.message : String(error));
  }

  const metadata: ClientMetadata = {
    client_name: name.trim(),
    redirect_uris: redirectUris,
    token_endpoint_auth_method: method,
    grant_types: [...new Set(grantTypes as ClientMetadata['grant_types'])],
    response_types: ['code'],
    scope: scopes.join(' '),
  };
  for (const field of optionalUris) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isHttpUrl(value)) throw oauthError('invalid_client_metadata', `${field} must be an http(s) URL`);
    metadata[field] = value;
  }
  for (const field of optionalTexts) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 200) throw oauthError('invalid_client_metadata', `${field} must be a string of at most 200 characters`);
    metadata[field] = value;
  }
  if (input.contacts !== undefined) {
    if (!Array.isArray(input.contacts) || input.contacts.some((contact) => typeof contact !== 'string')) throw oauthError('invalid_client_metadata', 'contacts must be a list of strings');
    metadata.contacts = input.contacts as string[];
  }
  return metadata;
}

/**
 * A redirection URI is absolute, has no fragment (RFC 6749 section 3.1.2) and
 * uses https, or http only on the loopback interface for native apps (RFC 8252).
 */
function checkRedirectUri(value: unknown): string {
  if (typeof value !== 'string') throw oauthError('invalid_redirect_uri', 'each redirect URI must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw oauthError('invalid_redirect_uri', `${value} is not an absolute URI`);
  }
  if (url.hash !== '' || value.includes('#')) throw oauthError('invalid_redirect_uri', `${value} must not have a fragment`);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))) return value;
  throw oauthError('invalid_redirect_uri', `${value} must use https (http only for localhost)`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
