import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { OpenlerError } from '../common/errors.js';
import { version } from '../version.js';
import { searchPage } from '../web/search-page.js';
import { privacyPage, termsPage } from '../web/policy-pages.js';
import { PRIVACY_PATH, TERMS_PATH } from '../oauth/settings.js';
import { authenticate, presentedKey } from './auth.js';
import { sendProblem, toOpenlerError } from './problem.js';
import { answerClientError, answerFrameworkError, maxPathParameterLength } from './early-errors.js';
import { validatorCompiler } from './validators.js';
import { credentialRoutes } from './routes/credentials.js';
import { verifyRoutes } from './routes/verify.js';
import { vcApiRoutes } from './routes/vc-api.js';
import { extractRoutes } from './routes/extract.js';
import { lightcastRoutes } from './routes/lightcast.js';
import { metaRoutes } from './routes/meta.js';
import { oauthRoutes } from './routes/oauth.js';
import { obApiPrefix, obApiRoutes, obSecurityScheme, obSecuritySchemeName } from './routes/ob-api.js';
import { orgRoutes } from './routes/orgs.js';
import { skillRoutes } from './routes/skills.js';

export interface ServerOptions {
  /** A pino logger for structured request logs; none when omitted. */
  logger?: Logger;
}

/** The HTTP adapter: parses requests, calls the core, formats answers (RFC 9457 problems on error). */
export async function buildServer(context: Context, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: maxPathParameterLength },
    // Requests refused before a route runs answer problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);

  app.decorateRequest('principal', null);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'openler API',
        version,
        description: 'Skills libraries, search and lookup for Learning and Employment Records. Reading public libraries is open; writes need an API key (Authorization: Bearer olk_...). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An openler API key, olk_<id>_<secret>' },
          // The Open Badges API's routes take OAuth 2.0 access tokens, not API keys.
          [obSecuritySchemeName]: obSecurityScheme(context.credentials.publicUrl, context.obApi.settings),
        },
      },
      tags: [
        { name: 'skills', description: 'Search and read skills' },
        { name: 'libraries', description: 'Libraries, releases and their changes' },
        { name: 'extraction', description: 'Text to skills, with confidence and evidence' },
        { name: 'lightcast-compatible', description: 'The Lightcast Open Skills API paths and shapes' },
        { name: 'organizations', description: 'Your organization, users and API keys' },
        { name: 'credentials', description: 'Issuers, achievements aligned to skills, and Open Badges 3.0 credentials' },
        { name: 'verification', description: 'Verify any credential: Open Badges 3.0, CLR 2.0, VC 2.0 and 1.1, Open Badges 2.0' },
        { name: 'vc-api', description: 'The W3C VC-API: issue, verify credentials and presentations, update status' },
        { name: 'credentials-public', description: 'Issuer profiles, DID documents, achievements, status lists and claim links' },
        { name: 'oauth', description: 'The OAuth 2.0 authorization server of the Open Badges API: registration, consent, tokens, revocation' },
        { name: 'open-badges-api', description: 'The Open Badges 3.0 REST API (OAuth 2.0 access tokens; Imsx_StatusInfo errors)' },
        { name: 'meta', description: 'Health and service information' },
      ],
    },
    transformObject: (documentObject) => ('openapiObject' in documentObject ? markOptionalBodies(documentObject.openapiObject as OpenApiDocument) : documentObject.swaggerObject) as ReturnType<SwaggerTransformObject>,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', (request, _reply, done) => {
    // Most reads carry no key: answer them without a promise in the way.
    if (presentedKey(request) === undefined) return done();
    // The Open Badges API's bearer tokens are OAuth access tokens, which its routes check themselves.
    if (request.url.startsWith(obApiPrefix)) return done();
    authenticate(request, context.orgs).then(() => done(), done);
  });
  app.setErrorHandler((error, request, reply) => {
    const problem = toOpenlerError(error);
    if (problem.code === 'internal') request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new OpenlerError('not_found', `no route ${request.method} ${request.url.split('?')[0]}; see /docs for the API`)),
  );

  metaRoutes(app, context);
  skillRoutes(app, context);
  lightcastRoutes(app, context);
  orgRoutes(app, context);
  extractRoutes(app, context);
  credentialRoutes(app, context);
  verifyRoutes(app, context);
  vcApiRoutes(app, context);
  oauthRoutes(app, context);
  obApiRoutes(app, context);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(searchPage));
  // The default terms and privacy pages the Open Badges discovery document names (OPENLER_TERMS_URL / OPENLER_PRIVACY_URL point it elsewhere).
  const { settings } = context.obApi;
  const terms = termsPage(settings.termsConfigured ? { configuredUrl: settings.termsUrl } : {});
  const privacy = privacyPage(settings.privacyConfigured ? { configuredUrl: settings.privacyUrl } : {});
  app.get(TERMS_PATH, { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(terms));
  app.get(PRIVACY_PATH, { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(privacy));
  await app.ready();
  return app;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, { requestBody?: { required?: boolean; content?: Record<string, { schema?: { anyOf?: Array<{ type?: unknown }> } }> } }>>;
}

/**
 * @fastify/swagger writes `required: true` for every request body. A route
 * whose body may be null (revoke, suspend, claim-link: every field has a
 * default) takes none at all, and the document says so.
 */
function markOptionalBodies<T extends OpenApiDocument>(document: T): T {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const body = operation.requestBody;
      const json = body?.content?.['application/json']?.schema;
      if (body !== undefined && json?.anyOf?.some((branch) => branch.type === 'null') === true) body.required = false;
    }
  }
  return document;
}
