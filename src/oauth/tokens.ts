import type { Database, Queryable } from '../db/database.js';
import type { Client } from './clients.js';
import { verifierMatches } from './pkce.js';
import { ExpiredGrantPurger } from './purge.js';
import { oauthError, parseScope, type ObScope } from './scopes.js';
import { hashSecret, newSecret } from './secrets.js';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** A refresh token lives 30 days; each use replaces it with a new one that lives 30 days more. */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/** The token endpoint's successful answer (RFC 6749 section 5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

/** What an access token lets its bearer do. */
export interface TokenGrant {
  orgId: string;
  clientId: string;
  scopes: ObScope[];
}

/** What a transaction decided: tokens, or an error to throw once it committed (a replay revokes its grant first). */
type Outcome = { tokens: TokenResponse } | { error: string; replayedGrant?: string; oauth?: 'invalid_grant' | 'invalid_scope' };

interface CodeRow { org_id: string; client_id: string; grant_id: string; redirect_uri: string; redirect_given: boolean; scopes: string[]; code_challenge: string; expired: boolean; used_at: Date | null }
interface TokenRow { kind: 'access' | 'refresh'; org_id: string; client_id: string; grant_id: string; scopes: string[]; expired: boolean; revoked_at: Date | null }

/**
 * Access and refresh tokens: exchanging a code (with its PKCE verifier),
 * refreshing with rotation, revoking (RFC 7009), and resolving a bearer token.
 *
 * Every token descends from one authorization, its grant. Presenting a used
 * code or a replaced refresh token again means one of the copies was stolen,
 * so the whole grant is revoked (RFC 6749 section 4.1.2, RFC 6819 5.2.2.3).
 */
export class TokenService {
  constructor(private readonly db: Database, private readonly purger = new ExpiredGrantPurger(db)) {}

  async exchangeCode(client: Client, input: { code?: string | undefined; redirect_uri?: string | undefined; code_verifier?: string | undefined }): Promise<TokenResponse> {
    if (!input.code) throw oauthError('invalid_request', 'code is required');
    if (!input.code_verifier) throw oauthError('invalid_request', 'code_verifier is required: the authorization used PKCE');
    const code = input.code;
    const verifier = input.code_verifier;
    // Before the transaction: a failed purge then fails the request with the code unspent.
    await this.purger.purgeIfDue();
    const outcome = await this.db.transaction(async (tx): Promise<Outcome> => {
      const rows = await tx.query<CodeRow>(
        `SELECT org_id, client_id, grant_id, redirect_uri, redirect_given, scopes, code_challenge, expires_at <= now() AS expired, used_at
         FROM oauth_codes WHERE code_hash = $1 FOR UPDATE`,
        [hashSecret(code)],
      );
      const row = rows[0];
      if (row === undefined || row.client_id !== client.id) return { error: 'the code is unknown or was issued to another client' };
      if (row.used_at !== null) return { error: 'the code was already used; the tokens it gave are revoked', replayedGrant: row.grant_id };
      if (row.expired) return { error: 'the code expired' };
      if (row.redirect_given ? input.redirect_uri !== row.redirect_uri : input.redirect_uri !== undefined && input.redirect_uri !== row.redirect_uri) {
        return { error: 'redirect_uri differs from the one in the authorization request' };
      }
      if (!verifierMatches(verifier, row.code_challenge)) return { error: 'code_verifier does not match the code_challenge (S256)' };
      await tx.query('UPDATE oauth_codes SET used_at = now() WHERE code_hash = $1', [hashSecret(code)]);
      const scopes = parseScope(row.scopes.join(' '), []);
      return { tokens: await this.issue(tx, client, { orgId: row.org_id, grantId: row.grant_id, scopes, refreshScopes: scopes }) };
    });
    return this.settle(outcome);
  }

  /** A new access token and a new refresh token for a refresh token, which stops working. */
  async refresh(client: Client, input: { refresh_token?: string | undefined; scope?: string | undefined }): Promise<TokenResponse> {
    if (!input.refresh_token) throw oauthError('invalid_request', 'refresh_token is required');
    if (!client.metadata.grant_types.includes('refresh_token')) throw oauthError('unauthorized_client', 'this client did not register the refresh_token grant');
    const hash = hashSecret(input.refresh_token);
    await this.purger.purgeIfDue();
    const outcome = await this.db.transaction(async (tx): Promise<Outcome> => {
      const rows = await tx.query<TokenRow>(
        'SELECT kind, org_id, client_id, grant_id, scopes, expires_at <= now() AS expired, revoked_at FROM oauth_tokens WHERE token_hash = $1 FOR UPDATE',
        [hash],
      );
      const row = rows[0];
      if (row === undefined || row.kind !== 'refresh' || row.client_id !== client.id) return { error: 'the refresh token is unknown or was issued to another client' };
      if (row.revoked_at !== null) return { error: 'the refresh token was already used or revoked; its grant is revoked', replayedGrant: row.grant_id };
      if (row.expired) return { error: 'the refresh token expired' };
      const granted = parseScope(row.scopes.join(' '), []);
      const asked = parseScope(input.scope, granted);
      const beyond = asked.filter((scope) => !granted.includes(scope));
      if (beyond.length > 0) return { error: `the refresh token was not granted ${beyond.join(' ')}`, oauth: 'invalid_scope' };
      await tx.query('UPDATE oauth_tokens SET revoked_at = now() WHERE token_hash = $1', [hash]);
      return { tokens: await this.issue(tx, client, { orgId: row.org_id, grantId: row.grant_id, scopes: asked, refreshScopes: granted }) };
    });
    return this.settle(outcome);
  }

  /**
   * RFC 7009: revoking a refresh token revokes its whole grant (the access
   * tokens too); revoking an access token revokes that token. An unknown
   * token, or one issued to another client, changes nothing and is not reported:
   * the answer must not tell a client which tokens exist.
   */
  async revoke(client: Client, token: string): Promise<void> {
    const rows = await this.db.query<{ kind: string; client_id: string; grant_id: string }>('SELECT kind, client_id, grant_id FROM oauth_tokens WHERE token_hash = $1', [hashSecret(token)]);
    const row = rows[0];
    if (row === undefined || row.client_id !== client.id) return;
    if (row.kind === 'refresh') await this.revokeGrant(row.grant_id);
    else await this.db.query('UPDATE oauth_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE token_hash = $1', [hashSecret(token)]);
  }

  /** The grant behind a bearer access token; an unknown, expired or revoked token is invalid_token. */
  async authenticate(accessToken: string): Promise<TokenGrant> {
    const rows = await this.db.query<TokenRow>(
      'SELECT kind, org_id, client_id, grant_id, scopes, expires_at <= now() AS expired, revoked_at FROM oauth_tokens WHERE token_hash = $1',
      [hashSecret(accessToken)],
    );
    const row = rows[0];
    if (row === undefined || row.kind !== 'access') throw oauthError('invalid_token', 'the access token is unknown');
    if (row.revoked_at !== null) throw oauthError('invalid_token', 'the access token was revoked');
    if (row.expired) throw oauthError('invalid_token', 'the access token expired');
    return { orgId: row.org_id, clientId: row.client_id, scopes: parseScope(row.scopes.join(' '), []) };
  }

  private async settle(outcome: Outcome): Promise<TokenResponse> {
    if ('tokens' in outcome) return outcome.tokens;
    if (outcome.replayedGrant !== undefined) await this.revokeGrant(outcome.replayedGrant);
    throw oauthError(outcome.oauth ?? 'invalid_grant', outcome.error);
  }

  private async revokeGrant(grantId: string): Promise<void> {
    await this.db.query('UPDATE oauth_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE grant_id = $1', [grantId]);
  }

  private async issue(tx: Queryable, client: Client, grant: { orgId: string; grantId: string; scopes: ObScope[]; refreshScopes: ObScope[] }): Promise<TokenResponse> {
    const accessToken = newSecret('obat');
    const insert = `INSERT INTO oauth_tokens (token_hash, kind, org_id, client_id, grant_id, scopes, expires_at)
                    VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`;
    await tx.query(insert, [hashSecret(accessToken), 'access', grant.orgId, client.id, grant.grantId, grant.scopes, ACCESS_TOKEN_LIFETIME_SECONDS]);
    const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, scope: grant.scopes.join(' ') };
    if (client.metadata.grant_types.includes('refresh_token')) {
      const refreshToken = newSecret('obrt');
      await tx.query(insert, [hashSecret(refreshToken), 'refresh', grant.orgId, client.id, grant.grantId, grant.refreshScopes, REFRESH_TOKEN_LIFETIME_SECONDS]);
      response.refresh_token = refreshToken;
    }
    return response;
  }
}
