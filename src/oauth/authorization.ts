import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import type { Client, ClientService } from './clients.js';
import { checkChallenge } from './pkce.js';
import { ExpiredGrantPurger } from './purge.js';
import { oauthError, parseScope, type OAuthErrorCode, type ObScope } from './scopes.js';
import { hashSecret, newId, newSecret } from './secrets.js';

/** Codes are one-time and short-lived: RFC 6749 section 4.1.2 recommends at most 10 minutes. */
export const CODE_LIFETIME_SECONDS = 600;

/** The query of GET /authorize, and the hidden fields of the consent form that repeat it. */
export interface AuthorizationParams {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

/** An authorization request that checked out: what the consent page shows and the code records. */
export interface AuthorizationRequest {
  client: Client;
  redirectUri: string;
  /** Whether the request named the redirect URI; the token request must then repeat it. */
  redirectGiven: boolean;
  scopes: ObScope[];
  state: string | undefined;
  codeChallenge: string;
}

/**
 * The authorization endpoint's logic: checking a request (RFC 6749 section
 * 4.1.1 with PKCE, RFC 7636), and turning the resource owner's answer into a
 * redirect carrying a one-time code or access_denied.
 *
 * Errors about the client or its redirect URI are thrown as plain OAuth errors:
 * the browser must not be sent to an unverified URI (section 4.1.2.1). Any
 * later error carries `details.redirectTo`, the client's URI with the error.
 */
export class AuthorizationService {
  constructor(private readonly db: Database, private readonly clients: ClientService, private readonly purger = new ExpiredGrantPurger(db)) {}

  async check(params: AuthorizationParams): Promise<AuthorizationRequest> {
    if (!params.client_id) throw oauthError('invalid_request', 'client_id is required');
    const client = await this.clients.find(params.client_id);
    if (client === undefined) throw oauthError('invalid_request', `no client ${params.client_id} is registered`);
    const registered = client.metadata.redirect_uris;
    let redirectUri: string;
    if (params.redirect_uri) {
      if (!registered.includes(params.redirect_uri)) throw oauthError('invalid_request', 'redirect_uri is not one this client registered');
      redirectUri = params.redirect_uri;
    } else {
      if (registered.length !== 1) throw oauthError('invalid_request', 'redirect_uri is required: this client registered several');
      redirectUri = registered[0] as string;
    }
    const fail = (error: OAuthErrorCode, description: string) => {
      const problem = oauthError(error, description);
      problem.details.redirectTo = errorRedirect(redirectUri, params.state, error, description);
      return problem;
    };
    if (params.response_type !== 'code') throw fail('unsupported_response_type', 'response_type must be code');
    let scopes: ObScope[];
    let codeChallenge: string;
    try {
      scopes = parseScope(params.scope, client.scopes);
      const outside = scopes.filter((scope) => !client.scopes.includes(scope));
      if (outside.length > 0) throw oauthError('invalid_scope', `this client did not register the scope ${outside.join(' ')}`);
      codeChallenge = checkChallenge(params.code_challenge, params.code_challenge_method);
    } catch (error) {
      if (error instanceof OpenlerError) throw fail((error.details.oauthError as OAuthErrorCode | undefined) ?? 'invalid_request', error.message);
      throw error;
    }
    return { client, redirectUri, redirectGiven: Boolean(params.redirect_uri), scopes, state: params.state, codeChallenge };
  }

  /** The organization approved: a one-time code, and where to send the browser with it. */
  async approve(request: AuthorizationRequest, orgId: string): Promise<{ code: string; redirectTo: string }> {
    await this.purger.purgeIfDue();
    const code = newSecret('obac');
    await this.db.query(
      `INSERT INTO oauth_codes (code_hash, org_id, client_id, grant_id, redirect_uri, redirect_given, scopes, code_challenge, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))`,
      [hashSecret(code), orgId, request.client.id, newId('grant'), request.redirectUri, request.redirectGiven, request.scopes, request.codeChallenge, CODE_LIFETIME_SECONDS],
    );
    const url = new URL(request.redirectUri);
    url.searchParams.set('code', code);
    if (request.state !== undefined) url.searchParams.set('state', request.state);
    return { code, redirectTo: url.toString() };
  }

  /** The person refused: back to the client with access_denied. */
  deny(request: AuthorizationRequest): string {
    return errorRedirect(request.redirectUri, request.state, 'access_denied', 'the organization did not approve the request');
  }
}

/** The client's redirect URI with an error response (RFC 6749 section 4.1.2.1). */
export function errorRedirect(redirectUri: string, state: string | undefined, error: OAuthErrorCode, description: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.toString();
}
