import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { errorStatus, OpenlerError } from '../../common/errors.js';
import { obScopes, oauthErrorOf, scopeCredentialRead, scopeCredentialUpsert, scopeProfileRead, scopeProfileUpdate, type ObScope } from '../../oauth/scopes.js';
import type { ObApiSettings } from '../../oauth/settings.js';
import type { TokenGrant } from '../../oauth/tokens.js';
import { toOpenlerError } from '../problem.js';

/** Where the Open Badges 3.0 API lives; its requests carry OAuth access tokens, not openler API keys. */
export const obApiPrefix = '/ims/ob/v3p0';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The spec's error body (Imsx_StatusInfo). */
const StatusInfo = Type.Object({
  imsx_codeMajor: Type.Literal('failure'),
  imsx_severity: Type.Literal('error'),
  imsx_description: Type.String(),
  imsx_codeMinor: Type.Object({ imsx_codeMinorField: Type.Array(Type.Object({ imsx_codeMinorFieldName: Type.String(), imsx_codeMinorFieldValue: Type.String() })) }),
});
const errors = { 400: StatusInfo, 401: StatusInfo, 403: StatusInfo, 404: StatusInfo, 405: StatusInfo, 500: StatusInfo };
const upsertErrors = { ...errors, 409: StatusInfo };
const Credentials = Type.Object({
  credential: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Credentials with an embedded proof' }),
  compactJwsString: Type.Array(Type.String(), { description: 'Credentials signed as VC-JWT' }),
});
const CredentialsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, description: `Credentials per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, description: 'The index of the first credential, from 0' })),
  since: Type.Optional(Type.String({ description: 'Only credentials issued after this date-time' })),
});

/**
 * The Open Badges 3.0 REST API for an organization: its credentials (those
 * openler issued and those clients upserted), its profile, and the discovery
 * document. Each request acts for the organization and scopes of its OAuth
 * access token; errors are Imsx_StatusInfo, as the spec requires.
 */
export function obApiRoutes(app: FastifyInstance, context: Context): void {
  const services = context.obApi;
  const publicUrl = context.credentials.publicUrl;
  const tags = ['open-badges-api'];

  const authorize = async (request: FastifyRequest, scope: ObScope): Promise<TokenGrant> => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : '';
    if (token === '') throw new OpenlerError('unauthorized', 'an OAuth 2.0 access token is required (Authorization: Bearer ...)', { oauthError: 'invalid_request' });
    const grant = await services.tokens.authenticate(token);
    if (!grant.scopes.includes(scope)) throw new OpenlerError('forbidden', `the access token lacks the scope ${scope}`, { oauthError: 'insufficient_scope', scope });
    return grant;
  };
  // The token is checked before the request's query and body are: a caller without one is told so (401), not that its limit is wrong.
  const grants = new WeakMap<FastifyRequest, TokenGrant>();
  const requireToken = (scope: ObScope) => async (request: FastifyRequest) => {
    grants.set(request, await authorize(request, scope));
  };
  const grantOf = (request: FastifyRequest): TokenGrant => {
    const grant = grants.get(request);
    if (grant === undefined) throw new OpenlerError('internal', 'the access token was not checked before this route');
    return grant;
  };

  app.register(async (child) => {
    const json = (_request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => {
      try {
        done(null, JSON.parse(body));
      } catch (error) {
        done(new OpenlerError('bad_request', `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { field: 'body' }));
      }
    };
    child.addContentTypeParser(['application/vc+ld+json', 'application/ld+json'], { parseAs: 'string' }, (request, body, done) => json(request, String(body), done));
    child.setErrorHandler((error, request, reply) => {
      const problem = toOpenlerError(error);
      if (problem.code === 'internal') request.log.error({ err: error }, 'Open Badges API request failed');
      const inQuery = (error as { validationContext?: string }).validationContext === 'querystring';
      return sendStatusInfo(reply, problem, inQuery);
    });
    const api = child.withTypeProvider<TypeBoxTypeProvider>();

    api.get(`${obApiPrefix}/discovery`, {
      schema: { tags, summary: 'The Open Badges API service description (public)', security: [], response: { 200: Type.Unknown() } },
    }, async () => discoveryDocument(publicUrl, services.settings));

    api.get(`${obApiPrefix}/credentials`, {
      schema: {
        tags, summary: "The organization's OpenBadgeCredentials, newest first",
        description: 'Paged by limit and offset; X-Total-Count gives the total and Link the first, last, next and prev pages. Needs the credential.readonly scope.',
        querystring: CredentialsQuery, security: needs(scopeCredentialRead), response: { 200: Credentials, ...errors },
      },
      preValidation: requireToken(scopeCredentialRead),
    }, async (request, reply) => {
      const grant = grantOf(request);
      const limit = Math.min(request.query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
      const offset = request.query.offset ?? 0;
      let since: Date | undefined;
      if (request.query.since !== undefined) {
        since = new Date(request.query.since);
        if (Number.isNaN(since.getTime())) throw new OpenlerError('validation_failed', 'since must be a date-time, e.g. 2026-01-31T00:00:00Z', { field: 'since', inQuery: true });
      }
      const page = await services.credentials.list(grant.orgId, { limit, offset, since });
      reply.header('x-total-count', String(page.total)).header('link', pagingLinks(`${publicUrl}${obApiPrefix}/credentials`, { limit, offset, total: page.total, since: request.query.since }));
      return {
        credential: page.items.flatMap((item) => ('credential' in item ? [item.credential] : [])),
        compactJwsString: page.items.flatMap((item) => ('compactJws' in item ? [item.compactJws] : [])),
      };
    });

    api.post(`${obApiPrefix}/credentials`, {
      schema: {
        tags, summary: 'Create or replace a credential held for the organization',
        description: 'An AchievementCredential as JSON (application/json or application/vc+ld+json), or a VC-JWT as text/plain; keyed by the credential id: 201 when new, 200 when it replaced one. '
          + 'It is verified as POST /v1/verify does, and refused (400) unless its structure, proof and issuer checks pass; an expired or revoked credential is held all the same. '
          + 'A credential is replaced only by one from the same issuer with a validFrom at least as recent, and a credential openler issued only by itself, unchanged (409 otherwise). Needs the credential.upsert scope.',
        body: Type.Unknown(), security: needs(scopeCredentialUpsert), response: { 200: Type.Unknown(), 201: Type.Unknown(), ...upsertErrors },
      },
      preValidation: requireToken(scopeCredentialUpsert),
    }, async (request, reply) => {
      const grant = grantOf(request);
      const outcome = await services.credentials.upsert(grant.orgId, grant.clientId, request.body, (input) => context.credentials.verification.verify(input));
      reply.status(outcome.created ? 201 : 200);
      return typeof request.body === 'string' ? reply.type('text/plain').send(request.body.trim()) : reply.type('application/json').send(JSON.stringify(request.body));
    });

    api.get(`${obApiPrefix}/profile`, {
      schema: { tags, summary: "The organization's profile", description: 'Needs the profile.readonly scope.', security: needs(scopeProfileRead), response: { 200: Type.Unknown(), ...errors } },
      preValidation: requireToken(scopeProfileRead),
    }, async (request) => services.profiles.get(grantOf(request).orgId));

    api.put(`${obApiPrefix}/profile`, {
      schema: {
        tags, summary: "Replace what clients set on the organization's profile",
        description: 'The whole Profile; its id and type stay those openler gives. Needs the profile.update scope.',
        body: Type.Unknown(), security: needs(scopeProfileUpdate), response: { 200: Type.Unknown(), ...errors },
      },
      preValidation: requireToken(scopeProfileUpdate),
    }, async (request) => services.profiles.put(grantOf(request).orgId, request.body));

    // The spec answers a method a resource does not allow with 405, as Imsx_StatusInfo.
    const allowed: Record<string, string[]> = { discovery: ['GET'], credentials: ['GET', 'POST'], profile: ['GET', 'PUT'] };
    for (const [resource, methods] of Object.entries(allowed)) {
      const others = (['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const).filter((method) => !methods.includes(method));
      api.route({
        method: others, url: `${obApiPrefix}/${resource}`, schema: { hide: true },
        handler: async (_request, reply) => {
          reply.header('allow', methods.join(', '));
          return sendStatusInfo(reply, new OpenlerError('bad_request', `${resource} allows ${methods.join(' and ')}`), false, 405);
        },
      });
    }
  });
}

/** The Link header of a page (RFC 8288): first and last always, next while more follow, prev past the first. */
export function pagingLinks(base: string, page: { limit: number; offset: number; total: number; since?: string | undefined }): string {
  const link = (offset: number, rel: string) => {
    const query = new URLSearchParams({ limit: String(page.limit), offset: String(offset) });
    if (page.since !== undefined) query.set('since', page.since);
    return `<${base}?${query.toString()}>; rel="${rel}"`;
  };
  const lastOffset = page.total === 0 ? 0 : Math.floor((page.total - 1) / page.limit) * page.limit;
  const links: string[] = [];
  if (page.offset + page.limit < page.total) links.push(link(page.offset + page.limit, 'next'));
  links.push(link(lastOffset, 'last'), link(0, 'first'));
  if (page.offset > 0) links.push(link(Math.max(0, Math.min(page.offset - page.limit, lastOffset)), 'prev'));
  return links.join(', ');
}

const codeMinorByCode: Partial<Record<OpenlerError['code'], string>> = {
  bad_request: 'invalid_data',
  validation_failed: 'invalid_data',
  unauthorized: 'unauthorizedrequest',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'invalid_data',
  payload_too_large: 'invalid_data',
  unsupported_media_type: 'not_acceptable',
  internal: 'internal_server_error',
};

function sendStatusInfo(reply: FastifyReply, problem: OpenlerError, inQuery: boolean, status = errorStatus(problem.code)): FastifyReply {
  const oauth = oauthErrorOf(problem);
  if (status === 401) {
    // RFC 6750 section 3: say why the token failed, if one was sent.
    reply.header('www-authenticate', oauth === 'invalid_token' ? `Bearer realm="openler", error="invalid_token", error_description="${problem.message}"` : 'Bearer realm="openler"');
  } else if (status === 403 && oauth === 'insufficient_scope') {
    reply.header('www-authenticate', `Bearer realm="openler", error="insufficient_scope", scope="${String(problem.details.scope ?? '')}"`);
  }
  const codeMinor = status === 405 ? 'not_allowed' : inQuery || problem.details.inQuery === true ? 'invalid_query_parameter' : codeMinorByCode[problem.code] ?? 'unknown';
  return reply.status(status).type('application/json').send(JSON.stringify({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: status >= 500 ? 'openler could not complete the request; the server log has the details' : problem.message,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
  }));
}

/** The name of the OAuth 2.0 security scheme, in the discovery document and in openler's own OpenAPI document alike. */
export const obSecuritySchemeName = 'OAuth2ACG';

export interface ObSecurityScheme {
  type: 'oauth2';
  description: string;
  'x-imssf-name': string;
  'x-imssf-registrationUrl': string;
  'x-imssf-privacyPolicyUrl': string;
  'x-imssf-termsOfServiceUrl': string;
  flows: { authorizationCode: { authorizationUrl: string; tokenUrl: string; refreshUrl: string; scopes: Record<string, string> } };
}

/**
 * The OAuth 2.0 authorization code security scheme of the Open Badges API,
 * with its four scopes and the x-imssf extensions the spec adds (the
 * registration URL is required; the policy URLs repeat the discovery document's).
 */
export function obSecurityScheme(publicUrl: string, settings: ObApiSettings): ObSecurityScheme {
  return {
    type: 'oauth2',
    description: settings.registration === 'open'
      ? 'OAuth 2.0 Authorization Code Grant with PKCE (S256); clients register dynamically (RFC 7591, open registration)'
      : 'OAuth 2.0 Authorization Code Grant with PKCE (S256); clients register dynamically (RFC 7591) with an initial access token: an API key of this openler with the credentials:issue scope',
    'x-imssf-name': 'openler',
    'x-imssf-registrationUrl': `${publicUrl}/oauth/register`,
    'x-imssf-privacyPolicyUrl': settings.privacyUrl,
    'x-imssf-termsOfServiceUrl': settings.termsUrl,
    flows: {
      authorizationCode: {
        authorizationUrl: `${publicUrl}/oauth/authorize`,
        tokenUrl: `${publicUrl}/oauth/token`,
        refreshUrl: `${publicUrl}/oauth/token`,
        scopes: { ...obScopes },
      },
    },
  };
}

/** An operation's security requirement: an access token of the scheme with this scope. */
const needs = (scope: ObScope) => [{ [obSecuritySchemeName]: [scope] }];

/**
 * The Service Description Document: an OpenAPI 3.0 description naming
 * openler's OAuth endpoints and the scopes. The spec requires info.title,
 * version, termsOfService and x-imssf-privacyPolicyUrl (fully qualified URLs)
 * and the scheme's x-imssf-registrationUrl; the policy URLs are repeated on
 * the scheme, where the spec's own example puts them too.
 */
function discoveryDocument(publicUrl: string, settings: ObApiSettings): Record<string, unknown> {
  const statusInfo = { $ref: '#/components/schemas/Imsx_StatusInfo' };
  const failures = Object.fromEntries(['400', '401', '403', '405', '500'].map((status) => [status, { description: 'Imsx_StatusInfo', content: { 'application/json': { schema: statusInfo } } }]));
  return {
    openapi: '3.0.1',
    info: {
      title: 'Open Badges API',
      version: '3.0',
      description: 'The Open Badges 3.0 API of this openler instance: an organization approves a client app, which then reads and upserts its OpenBadgeCredentials and reads and updates its profile.',
      termsOfService: settings.termsUrl,
      'x-imssf-privacyPolicyUrl': settings.privacyUrl,
    },
    servers: [{ url: `${publicUrl}${obApiPrefix}`, description: 'openler' }],
    tags: [{ name: 'OpenBadgeCredentials' }, { name: 'Profile' }, { name: 'Discovery' }],
    paths: {
      '/credentials': {
        get: {
          tags: ['OpenBadgeCredentials'], operationId: 'getCredentials', summary: 'Get the OpenBadgeCredentials of the authorizing organization',
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
            { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
          ],
          responses: { 200: { description: 'GetOpenBadgeCredentialsResponse, with X-Total-Count and Link headers' }, ...failures },
          security: needs(scopeCredentialRead),
        },
        post: {
          tags: ['OpenBadgeCredentials'], operationId: 'upsertCredential', summary: 'Create or replace an OpenBadgeCredential',
          requestBody: { content: { 'application/json': { schema: { type: 'object' } }, 'text/plain': { schema: { type: 'string' } } }, required: true },
          responses: { 200: { description: 'Replaced' }, 201: { description: 'Created' }, ...failures, 409: { description: 'Imsx_StatusInfo: the id is held for another credential', content: { 'application/json': { schema: statusInfo } } } },
          security: needs(scopeCredentialUpsert),
        },
      },
      '/profile': {
        get: { tags: ['Profile'], operationId: 'getProfile', summary: 'Get the profile', responses: { 200: { description: 'Profile' }, ...failures }, security: needs(scopeProfileRead) },
        put: {
          tags: ['Profile'], operationId: 'putProfile', summary: 'Update the profile',
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } }, required: true },
          responses: { 200: { description: 'Profile' }, ...failures },
          security: needs(scopeProfileUpdate),
        },
      },
      '/discovery': {
        get: { tags: ['Discovery'], operationId: 'getServiceDescription', summary: 'This document', responses: { 200: { description: 'ServiceDescriptionDocument' } } },
      },
    },
    components: {
      securitySchemes: { [obSecuritySchemeName]: obSecurityScheme(publicUrl, settings) },
      schemas: {
        Imsx_StatusInfo: {
          type: 'object',
          required: ['imsx_codeMajor', 'imsx_severity'],
          properties: {
            imsx_codeMajor: { type: 'string', enum: ['failure', 'processing', 'success', 'unsupported'] },
            imsx_severity: { type: 'string', enum: ['error', 'status', 'warning'] },
            imsx_description: { type: 'string' },
            imsx_codeMinor: { type: 'object' },
          },
        },
      },
    },
  };
}
