import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { OpenlerError } from '../../common/errors.js';
import { requireScope } from '../../orgs/service.js';
import type { AuthorizationParams, AuthorizationRequest } from '../../oauth/authorization.js';
import { REGISTRATION_SCOPE, type ClientAuthMethod } from '../../oauth/clients.js';
import { obScopes, oauthError, oauthErrorOf, type OAuthErrorCode } from '../../oauth/scopes.js';
import { authorizationErrorPage, consentPage } from '../../web/consent-page.js';
import { toOpenlerError } from '../problem.js';

const registrationPath = '/oauth/register';
const authorizationFields = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;

const OAuthErrorBody = Type.Object({ error: Type.String(), error_description: Type.String() });
const TokenBody = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.Optional(Type.String()),
  scope: Type.String(),
});
/**
 * A form body (application/x-www-form-urlencoded), documented field by field.
 * The form parser hands the handler URLSearchParams, which have no properties
 * for a schema to check: the handlers check the fields and answer RFC 6749
 * errors (invalid_request, unsupported_grant_type, invalid_client), so these
 * schemas require nothing and only document.
 */
const field = (description: string) => Type.Optional(Type.String({ description }));
const formBody = (description: string, fields: Record<string, string>) => ({
  content: {
    'application/x-www-form-urlencoded': {
      schema: Type.Object(Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, field(text)])), { description }),
    },
  },
});
const clientAuthFields = {
  client_id: 'client_secret_post: the client ID (with client_secret_basic it may be left out, or must match)',
  client_secret: 'client_secret_post: the client secret (not with HTTP Basic)',
};
const TokenForm = formBody('grant_type=authorization_code with code, redirect_uri and code_verifier; or grant_type=refresh_token with refresh_token', {
  grant_type: 'Required: authorization_code or refresh_token',
  code: 'authorization_code: the code the redirect carried',
  redirect_uri: 'authorization_code: the redirect_uri of the authorization request',
  code_verifier: 'authorization_code: the PKCE verifier of the code_challenge (S256)',
  refresh_token: 'refresh_token: the refresh token, replaced by a new one',
  scope: 'refresh_token: optionally a narrower scope, space-separated',
  ...clientAuthFields,
});
const RevokeForm = formBody('The token to revoke, with client authentication', {
  token: 'Required: an access or refresh token',
  token_type_hint: 'access_token or refresh_token (a hint only)',
  ...clientAuthFields,
});
const ConsentForm = formBody("The consent page's form: the authorization request's fields again, the decision and, to approve, an API key", {
  ...Object.fromEntries(authorizationFields.map((name) => [name, 'As in the authorization request'])),
  decision: 'approve, or anything else to deny',
  api_key: "To approve: an API key of the organization with the credentials:issue scope",
});

/**
 * The OAuth 2.0 authorization server of the Open Badges API: dynamic client
 * registration (RFC 7591), the authorization endpoint with its consent page
 * (authorization code with PKCE S256, RFC 7636), the token endpoint
 * (authorization_code and refresh_token with rotation) and revocation (RFC 7009).
 * Errors are RFC 6749 JSON ({ error, error_description }), not problem+json.
 */
export function oauthRoutes(app: FastifyInstance, context: Context): void {
  const services = context.obApi;
  const tags = ['oauth'];

  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(String(body))));
    scope.setErrorHandler((error, request, reply) => {
      const problem = toOpenlerError(error);
      if (problem.code === 'internal') request.log.error({ err: error }, 'OAuth request failed');
      return sendOAuthError(request, reply, problem);
    });
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/.well-known/oauth-authorization-server', {
      schema: { tags, summary: 'Authorization server metadata (RFC 8414)', response: { 200: Type.Unknown() } },
    }, async () => serverMetadata(context.credentials.publicUrl));

    const registrationRule = services.clients.registration === 'open'
      ? 'Open registration (OPENLER_OAUTH_REGISTRATION=open).'
      : `Registration needs an initial access token (OPENLER_OAUTH_REGISTRATION=token): Authorization: Bearer <an openler API key with the ${REGISTRATION_SCOPE} scope>; without one 401, without the scope 403 (RFC 6750 errors).`;
    api.post(registrationPath, {
      schema: {
        tags, summary: 'Register a client (RFC 7591 dynamic registration)',
        description: `${registrationRule} client_name and redirect_uris are required; token_endpoint_auth_method is client_secret_basic (default) or client_secret_post; scope defaults to every Open Badges scope. The client secret is shown this once.`,
        body: Type.Unknown(), response: { 201: Type.Unknown(), 400: OAuthErrorBody, 401: OAuthErrorBody, 403: OAuthErrorBody },
      },
    }, async (request, reply) => reply.status(201).header('cache-control', 'no-store').send(await services.clients.register(request.body, request.principal)));

    api.get('/oauth/authorize', {
      schema: {
        tags, summary: 'Ask the organization to authorize a client (the consent page)',
        description: 'response_type=code with client_id, redirect_uri, scope, state, code_challenge and code_challenge_method=S256. Answers an HTML page asking for an API key of the organization with the credentials:issue scope.',
        querystring: Type.Record(Type.String(), Type.Unknown()),
      },
    }, async (request, reply) => {
      const params = authorizationParams(request.query);
      const checked = await checkOrExplain(params, reply);
      if (checked === undefined) return reply;
      return sendConsent(reply, 200, checked, params);
    });

    api.post('/oauth/authorize', {
      schema: { tags, summary: 'The consent form: approve (with an API key) or deny', body: ConsentForm },
    }, async (request, reply) => {
      const form = formFields(request.body);
      const params = authorizationParams(form);
      const checked = await checkOrExplain(params, reply);
      if (checked === undefined) return reply;
      if (form.decision !== 'approve') return redirect(reply, services.authorization.deny(checked));
      let orgId: string;
      try {
        orgId = requireScope(await context.orgs.authenticate(form.api_key ?? ''), 'credentials:issue').orgId;
      } catch (error) {
        const problem = toOpenlerError(error);
        if (problem.code !== 'unauthorized' && problem.code !== 'forbidden') throw problem;
        return sendConsent(reply, problem.code === 'unauthorized' ? 401 : 403, checked, params, `Not approved: ${problem.message}.`);
      }
      return redirect(reply, (await services.authorization.approve(checked, orgId)).redirectTo);
    });

    api.post('/oauth/token', {
      schema: {
        tags, summary: 'Exchange a code (with its PKCE verifier) or a refresh token for tokens',
        description: 'grant_type=authorization_code with code, redirect_uri and code_verifier; or grant_type=refresh_token with refresh_token (and optionally a narrower scope): the refresh token is replaced by a new one. Client authentication: client_secret_basic or client_secret_post, as registered.',
        body: TokenForm, response: { 200: TokenBody, 400: OAuthErrorBody, 401: OAuthErrorBody },
      },
    }, async (request, reply) => {
      const form = formFields(request.body);
      const client = await authenticateClient(request, form);
      const tokens = form.grant_type === 'authorization_code'
        ? await services.tokens.exchangeCode(client, form)
        : form.grant_type === 'refresh_token'
          ? await services.tokens.refresh(client, form)
          : (() => { throw oauthError(form.grant_type ? 'unsupported_grant_type' : 'invalid_request', form.grant_type ? `grant_type ${form.grant_type} is not offered: use authorization_code or refresh_token` : 'grant_type is required'); })();
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(tokens);
    });

    api.post('/oauth/revoke', {
      schema: {
        tags, summary: 'Revoke an access or refresh token (RFC 7009)',
        description: 'Revoking a refresh token revokes the access tokens of the same grant. Answers 200 whether or not the token was known.',
        body: RevokeForm, response: { 200: Type.Object({}), 400: OAuthErrorBody, 401: OAuthErrorBody },
      },
    }, async (request) => {
      const form = formFields(request.body);
      const client = await authenticateClient(request, form);
      if (!form.token) throw oauthError('invalid_request', 'token is required');
      await services.tokens.revoke(client, form.token);
      return {};
    });
  });

  /** The checked request; or, when it cannot be, the answer is sent: an error page, or a redirect with the error. */
  async function checkOrExplain(params: AuthorizationParams, reply: FastifyReply): Promise<AuthorizationRequest | undefined> {
    try {
      return await services.authorization.check(params);
    } catch (error) {
      const problem = toOpenlerError(error);
      if (problem.code === 'internal') throw problem;
      const redirectTo = problem.details.redirectTo;
      if (typeof redirectTo === 'string') {
        redirect(reply, redirectTo);
        return undefined;
      }
      htmlHeaders(reply).status(400).send(authorizationErrorPage(problem.message));
      return undefined;
    }
  }

  async function authenticateClient(request: FastifyRequest, form: Record<string, string>) {
    const basic = basicCredentials(request.headers.authorization);
    if (basic !== undefined && (form.client_secret !== undefined)) throw oauthError('invalid_request', 'use one client authentication method, not both');
    let method: ClientAuthMethod;
    let id: string | undefined;
    let secret: string | undefined;
    if (basic !== undefined) [method, id, secret] = ['client_secret_basic', basic.id, basic.secret];
    else [method, id, secret] = ['client_secret_post', form.client_id, form.client_secret];
    if (!id || !secret) throw oauthError('invalid_client', 'client authentication is required: HTTP Basic (client_secret_basic) or client_id and client_secret in the form (client_secret_post)');
    if (basic !== undefined && form.client_id !== undefined && form.client_id !== id) throw oauthError('invalid_request', 'client_id differs from the authenticated client');
    return services.clients.authenticate(id, secret, method);
  }
}

/** What a client needs to find the endpoints and what they accept (RFC 8414 section 2). */
function serverMetadata(publicUrl: string): Record<string, unknown> {
  return {
    issuer: publicUrl,
    authorization_endpoint: `${publicUrl}/oauth/authorize`,
    token_endpoint: `${publicUrl}/oauth/token`,
    registration_endpoint: `${publicUrl}/oauth/register`,
    revocation_endpoint: `${publicUrl}/oauth/revoke`,
    scopes_supported: Object.keys(obScopes),
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

function sendConsent(reply: FastifyReply, status: number, request: AuthorizationRequest, params: AuthorizationParams, error?: string): FastifyReply {
  const hidden: Record<string, string> = {};
  for (const field of authorizationFields) {
    const value = params[field];
    if (value !== undefined) hidden[field] = value;
  }
  return htmlHeaders(reply).status(status).send(consentPage({
    clientName: request.client.metadata.client_name,
    clientUri: request.client.metadata.client_uri,
    redirectUri: request.redirectUri,
    scopes: request.scopes.map((scope) => ({ scope, description: obScopes[scope] })),
    hidden,
    error,
  }));
}

/** The consent page must not be framed (clickjacking) nor cached. */
function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
    .header('referrer-policy', 'no-referrer');
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}

/** The authorization parameters from a query or a form; a repeated parameter is an error (RFC 6749 section 3.1). */
function authorizationParams(source: unknown): AuthorizationParams {
  const values = source instanceof URLSearchParams ? formFields(source) : (source ?? {}) as Record<string, unknown>;
  const params: AuthorizationParams = {};
  for (const field of authorizationFields) {
    const value = values[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw oauthError('invalid_request', `${field} must be given once`);
    params[field] = value;
  }
  return params;
}

/** A form body as fields; OAuth parameters must not repeat (RFC 6749 section 3.2). */
function formFields(body: unknown): Record<string, string> {
  if (typeof body === 'object' && body !== null && !(body instanceof URLSearchParams) && Object.keys(body).length === 0) return {};
  if (!(body instanceof URLSearchParams)) throw oauthError('invalid_request', 'the body must be application/x-www-form-urlencoded');
  const fields: Record<string, string> = {};
  for (const [name, value] of body) {
    if (Object.hasOwn(fields, name)) throw oauthError('invalid_request', `${name} must be given once`);
    fields[name] = value;
  }
  return fields;
}

/** client_secret_basic: the id and secret, each form-urlencoded, joined by a colon (RFC 6749 section 2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (header === undefined || !/^basic\s+/i.test(header)) return undefined;
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw oauthError('invalid_client', 'the Basic credentials must be client_id:client_secret');
  const unescape = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      throw oauthError('invalid_client', 'the Basic credentials are not form-urlencoded');
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

const oauthCodeByErrorCode: Partial<Record<OpenlerError['code'], OAuthErrorCode>> = { unauthorized: 'invalid_client', forbidden: 'unauthorized_client' };

function sendOAuthError(request: FastifyRequest, reply: FastifyReply, problem: OpenlerError): FastifyReply {
  if (problem.code === 'internal') {
    return reply.status(500).header('cache-control', 'no-store').send({ error: 'server_error', error_description: 'openler could not complete the request; the server log has the details' });
  }
  if (request.routeOptions.url === registrationPath && (problem.code === 'unauthorized' || problem.code === 'forbidden')) return sendRegistrationAuthError(request, reply, problem);
  const error = oauthErrorOf(problem) ?? oauthCodeByErrorCode[problem.code] ?? 'invalid_request';
  if (error === 'invalid_client') {
    // RFC 6749 section 5.2: 401, with the scheme the client tried or should try.
    reply.status(401).header('www-authenticate', 'Basic realm="openler"');
    if (request.headers.authorization === undefined) reply.removeHeader('www-authenticate');
  } else {
    reply.status(400);
  }
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').type('application/json').send({ error, error_description: problem.message });
}

/**
 * A registration refused for its initial access token: RFC 7591 section 3
 * answers as RFC 6750 does. 401 with a Bearer challenge (naming the error only
 * when a token was sent), or 403 insufficient_scope; the body says why.
 */
function sendRegistrationAuthError(request: FastifyRequest, reply: FastifyReply, problem: OpenlerError): FastifyReply {
  const quoted = (text: string) => text.replace(/["\\]/g, "'");
  if (problem.code === 'forbidden') {
    const scope = typeof problem.details.scope === 'string' ? problem.details.scope : REGISTRATION_SCOPE;
    reply.status(403).header('www-authenticate', `Bearer realm="openler", error="insufficient_scope", scope="${scope}"`);
    return reply.header('cache-control', 'no-store').type('application/json').send({ error: 'insufficient_scope', error_description: problem.message });
  }
  const presented = request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
  reply.status(401).header('www-authenticate', presented ? `Bearer realm="openler", error="invalid_token", error_description="${quoted(problem.message)}"` : 'Bearer realm="openler"');
  return reply.header('cache-control', 'no-store').type('application/json').send({ error: 'invalid_token', error_description: problem.message });
}
