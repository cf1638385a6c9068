import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { Context } from '../../context.js';
import { AchievementInput, AchievementRecord } from '../../credentials/achievements/model.js';
import { errorStatus, OpenlerError } from '../../common/errors.js';
import { ClaimPreview, ClrInput, IssuedCredential, IssueInput } from '../../credentials/issuance/model.js';
import { Issuer, IssuerInput } from '../../credentials/issuers/model.js';
import { requireScope } from '../../orgs/service.js';
import { claimPage, claimProblemPage } from '../../web/claim-page.js';
import { Problem } from '../problem.js';

const JsonDocument = Type.Record(Type.String(), Type.Unknown());
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * A body that may be left out: Fastify validates a missing body as null, so
 * null is allowed next to the object (an empty JSON object works too).
 */
const optionalBody = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()], { description: 'Optional: send no body (or null) to take the defaults' });

/**
 * Issuing: issuers and their keys, achievements aligned to skills, credentials
 * and their status; and the public documents verifiers and wallets fetch
 * (issuer profiles, DID documents, achievements, status lists, claim links).
 */
export function credentialRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { issuers, achievements, issuance, statusLists } = context.credentials;
  const tags = ['credentials'];
  const publicTags = ['credentials-public'];
  const security = [{ apiKey: [] }];
  const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
  const issuerOrg = (principal: Parameters<typeof requireScope>[0]) => requireScope(principal, 'credentials:issue').orgId;

  api.post('/v1/issuers', {
    schema: { tags, summary: 'Create an issuer with new Ed25519 and RSA keys', security, body: IssuerInput, response: { 201: Type.Object({ data: Issuer }), ...problems } },
  }, async (request, reply) => reply.status(201).send({ data: await issuers.create(issuerOrg(request.principal), request.body) }));

  api.get('/v1/issuers', {
    schema: { tags, summary: "The organization's issuers", security, response: { 200: Type.Object({ data: Type.Array(Issuer) }), ...problems } },
  }, async (request) => ({ data: await issuers.list(issuerOrg(request.principal)) }));

  api.get('/v1/issuers/:id', {
    schema: { tags, summary: 'One issuer with its keys', security, params: IdParams, response: { 200: Type.Object({ data: Issuer }), ...problems } },
  }, async (request) => ({ data: await issuers.get(issuerOrg(request.principal), request.params.id) }));

  api.post('/v1/issuers/:id/rotate-keys', {
    schema: {
      tags, summary: 'Rotate the signing keys', description: 'New keys sign from now on; the old ones stay listed, so credentials they signed still verify.',
      security, params: IdParams, response: { 200: Type.Object({ data: Issuer }), ...problems },
    },
  }, async (request) => ({ data: await issuers.rotateKeys(issuerOrg(request.principal), request.params.id) }));

  api.post('/v1/achievements', {
    schema: { tags, summary: 'Create an achievement aligned to skills', security, body: AchievementInput, response: { 201: Type.Object({ data: AchievementRecord }), ...problems } },
  }, async (request, reply) => reply.status(201).send({ data: await achievements.create(issuerOrg(request.principal), request.body) }));

  api.get('/v1/achievements', {
    schema: { tags, summary: "The organization's achievements", security, querystring: Type.Object({ issuer: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 200: Type.Object({ data: Type.Array(AchievementRecord) }), ...problems } },
  }, async (request) => ({ data: await achievements.list(issuerOrg(request.principal), request.query.issuer) }));

  api.get('/v1/achievements/:id', {
    schema: { tags, summary: 'One achievement', security, params: IdParams, response: { 200: Type.Object({ data: AchievementRecord }), ...problems } },
  }, async (request) => ({ data: await achievements.get(issuerOrg(request.principal), request.params.id) }));

  api.post('/v1/credentials', {
    schema: {
      tags, summary: 'Issue an Open Badges 3.0 credential',
      description: 'Signed with a Data Integrity proof (eddsa-rdfc-2022) or as a VC-JWT (EdDSA or RS256). With externalId, asking again returns the first credential (201 when new, 200 when it existed). The claim link is shown once.',
      security, body: IssueInput, response: { 200: Type.Object({ data: IssuedCredential }), 201: Type.Object({ data: IssuedCredential }), ...problems },
    },
  }, async (request, reply) => {
    const issued = await issuance.issue(issuerOrg(request.principal), request.body);
    return reply.status(issued.created ? 201 : 200).send({ data: issued });
  });

  api.post('/v1/clr', {
    schema: {
      tags, summary: 'Issue a Comprehensive Learner Record (CLR 2.0)',
      description: "Bundles the learner's Open Badges credentials from this organization, as they were signed, with their achievements and the associations between them (e.g. a course isPartOf a program).",
      security, body: ClrInput, response: { 201: Type.Object({ data: IssuedCredential }), 409: Problem, ...problems },
    },
  }, async (request, reply) => reply.status(201).send({ data: await issuance.issueClr(issuerOrg(request.principal), request.body) }));

  api.get('/v1/credentials/:id', {
    schema: { tags, summary: 'One issued credential and its status', security, params: IdParams, response: { 200: Type.Object({ data: IssuedCredential }), ...problems } },
  }, async (request) => ({ data: await issuance.get(issuerOrg(request.principal), request.params.id) }));

  for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
    api.post(`/v1/credentials/:id/${action}`, {
      schema: {
        tags, summary: action === 'revoke' ? 'Revoke a credential (final)' : action === 'suspend' ? 'Suspend a credential' : 'Reinstate a suspended credential',
        security, params: IdParams, body: optionalBody(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) })),
        response: { 200: Type.Object({ data: IssuedCredential }), 409: Problem, ...problems },
      },
    }, async (request) => ({ data: await issuance.setStatus(issuerOrg(request.principal), request.params.id, action, request.body?.reason) }));
  }

  api.post('/v1/credentials/:id/baked', {
    bodyLimit: 6 * 1024 * 1024,
    schema: {
      tags, summary: 'The credential baked into a badge image',
      description: 'Send a PNG (image/png) or SVG (image/svg+xml) to bake the credential into it; send no body to get an SVG badge openler draws with the achievement and issuer names. The answer is the image, which `POST /v1/verify` reads back.',
      security, params: IdParams,
      // The image to bake into, as it is (no body: openler draws an SVG badge). The schemas only document it: images are not JSON.
      body: { content: { 'image/png': { schema: { description: 'A PNG image' } }, 'image/svg+xml': { schema: { description: 'An SVG image' } } } },
      response: { 200: Type.Unknown(), ...problems, 413: Problem, 415: Problem, 422: Problem },
    },
  }, async (request, reply) => {
    const body = request.body;
    const image = body instanceof Uint8Array ? body : typeof body === 'string' && body.length > 0 ? Buffer.from(body, 'utf8') : undefined;
    const baked = await issuance.bake(issuerOrg(request.principal), request.params.id, image);
    const extension = baked.contentType === 'image/png' ? 'png' : 'svg';
    return reply.type(baked.contentType).header('content-disposition', `attachment; filename="badge.${extension}"`).send(Buffer.from(baked.bytes));
  });

  api.post('/v1/credentials/:id/claim-link', {
    schema: {
      tags, summary: 'A new claim link (earlier unused links stop working)', security, params: IdParams,
      body: optionalBody(Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'How long the link works (default 30 days)' })) }, { additionalProperties: false })),
      response: { 201: Type.Object({ data: Type.Object({ claimUrl: Type.String() }) }), 409: Problem, ...problems },
    },
  }, async (request, reply) => reply.status(201).send({ data: { claimUrl: await issuance.newClaimLink(issuerOrg(request.principal), request.params.id, request.body?.days) } }));

  // Public documents: what verifiers, wallets and learners fetch, without a key.
  api.get('/issuers/:id', {
    schema: { tags: publicTags, summary: "An issuer's profile and the keys it signs with (its https identifier)", params: IdParams, response: { 200: JsonDocument, 404: Problem } },
  }, async (request) => issuers.profileDocument(request.params.id));

  api.get('/issuers/:id/did.json', {
    schema: { tags: publicTags, summary: "A did:web issuer's DID document", params: IdParams, response: { 200: JsonDocument, 404: Problem } },
  }, async (request) => ({ ...(await issuers.didDocument(request.params.id)) }));

  api.get('/achievements/:id', {
    schema: { tags: publicTags, summary: 'An achievement as credentials embed it', params: IdParams, response: { 200: JsonDocument, 404: Problem } },
  }, async (request) => (await achievements.get(null, request.params.id)).achievement);

  api.get('/status-lists/:id', {
    schema: { tags: publicTags, summary: 'A Bitstring Status List credential, signed by its issuer', params: IdParams, response: { 200: JsonDocument, 404: Problem } },
  }, async (request) => statusLists.credential(request.params.id));

  // A claim link: opening it (GET) shows what it offers and uses nothing up; the learner collects with a POST.
  /** For a browser, a link that cannot be used is a page saying why, with the status its error maps to; undefined once that page is sent. */
  const claimOrPage = async <T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof OpenlerError)) throw error;
      // A conflict is the credential's state (suspended), not the link's: the link is kept for later.
      await reply.status(errorStatus(error.code)).type('text/html; charset=utf-8').send(claimProblemPage(error.message, error.code === 'conflict'));
      return undefined;
    }
  };
  const ClaimParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
  const wantsPage = (request: FastifyRequest) => /\btext\/html\b/.test(String(request.headers.accept ?? ''));
  api.get('/claim/:token', {
    schema: {
      tags: publicTags, summary: 'What a claim link offers (a page for browsers); opening it does not use it up',
      params: ClaimParams,
      response: { 200: Type.Union([Type.Object({ data: ClaimPreview }), Type.String()]), 404: Problem, 409: Problem, 410: Problem },
    },
  }, async (request, reply) => {
    if (!wantsPage(request)) return { data: await issuance.claimPreview(request.params.token) };
    const preview = await claimOrPage(reply, () => issuance.claimPreview(request.params.token));
    if (preview === undefined) return reply;
    return reply.type('text/html; charset=utf-8').send(claimPage({ ...preview, action: `/claim/${encodeURIComponent(request.params.token)}` }));
  });

  app.register(async (scope) => {
    // The claim page's button posts an empty form.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
    scope.withTypeProvider<TypeBoxTypeProvider>().post('/claim/:token', {
      schema: {
        tags: publicTags, summary: 'Collect a credential through its one-time claim link (from a form: as a file download)',
        params: ClaimParams,
        response: { 200: Type.Union([Type.Object({ data: IssuedCredential }), Type.String()]), 404: Problem, 409: Problem, 410: Problem },
      },
    }, async (request, reply) => {
      const fromForm = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      if (!fromForm) return { data: await issuance.claim(request.params.token) };
      const claimed = await claimOrPage(reply, () => issuance.claim(request.params.token));
      if (claimed === undefined) return reply;
      const jwt = typeof claimed.credential === 'string';
      const body = jwt ? String(claimed.credential) : `${JSON.stringify(claimed.credential, null, 2)}\n`;
      return reply
        .type(jwt ? 'application/vc+jwt' : 'application/vc+ld+json')
        .header('content-disposition', `attachment; filename="credential.${jwt ? 'jwt' : 'json'}"`)
        .send(body);
    });
  });
}
