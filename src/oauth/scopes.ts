import { OpenlerError } from '../common/errors.js';

const base = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';

/** The Open Badges 3.0 API scopes, each with what a consent page tells the person approving it. */
export const obScopes = {
  [`${base}credential.readonly`]: "Read the organization's Open Badges credentials",
  [`${base}credential.upsert`]: 'Add or replace Open Badges credentials held for the organization',
  [`${base}profile.readonly`]: "Read the organization's profile",
  [`${base}profile.update`]: "Update the organization's profile",
} as const;

export type ObScope = keyof typeof obScopes;

export const scopeCredentialRead = `${base}credential.readonly` as ObScope;
export const scopeCredentialUpsert = `${base}credential.upsert` as ObScope;
export const scopeProfileRead = `${base}profile.readonly` as ObScope;
export const scopeProfileUpdate = `${base}profile.update` as ObScope;

export const allObScopes = Object.keys(obScopes) as ObScope[];

export function isObScope(value: string): value is ObScope {
  return Object.hasOwn(obScopes, value);
}

/**
 * A space-delimited scope parameter (RFC 6749 section 3.3) as a list of known
 * scopes without repeats; an unknown scope is an invalid_scope error.
 */
export function parseScope(value: string | undefined, fallback: readonly ObScope[]): ObScope[] {
  if (value === undefined || value.trim() === '') return [...fallback];
  const scopes: ObScope[] = [];
  for (const scope of value.trim().split(/\s+/)) {
    if (!isObScope(scope)) throw oauthError('invalid_scope', `unknown scope ${scope}; the scopes are: ${allObScopes.join(' ')}`);
    if (!scopes.includes(scope)) scopes.push(scope);
  }
  return scopes;
}

/** The error codes of RFC 6749 (sections 4.1.2.1 and 5.2), RFC 7591 (3.2.2) and RFC 7009 (2.2.1). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'invalid_token'
  | 'insufficient_scope';

/**
 * An OpenlerError carrying its OAuth error code in details.oauthError, so the
 * OAuth endpoints can answer `{ error, error_description }`. A failed client
 * authentication is `unauthorized` (401); a token without the scope is
 * `forbidden` (403); everything else is a bad request (400).
 */
export function oauthError(error: OAuthErrorCode, description: string): OpenlerError {
  const code = error === 'invalid_client' || error === 'invalid_token' ? 'unauthorized' : error === 'insufficient_scope' ? 'forbidden' : 'bad_request';
  return new OpenlerError(code, description, { oauthError: error });
}

/** The OAuth error code an error carries, if any. */
export function oauthErrorOf(error: OpenlerError): OAuthErrorCode | undefined {
  const value = error.details.oauthError;
  return typeof value === 'string' ? (value as OAuthErrorCode) : undefined;
}
