import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { ApiKey, apiKeyScopes, Organization, User, UserRole } from '../../orgs/model.js';
import { requireScope } from '../../orgs/service.js';
import { OpenlerError } from '../../common/errors.js';
import { Problem } from '../problem.js';

/** The calling key's own organization: who it is, its users and its keys. */
export function orgRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { orgs } = context;
  const tags = ['organizations'];
  const problems = { 401: Problem, 403: Problem };
  const authed = (principal: Parameters<typeof requireScope>[0]) => {
    if (principal === null) throw new OpenlerError('unauthorized', 'this needs an API key (Authorization: Bearer olk_...)');
    return principal;
  };

  api.get('/v1/orgs/me', {
    schema: { tags, summary: "The calling key's organization", security: [{ apiKey: [] }], response: { 200: Type.Object({ data: Organization, scopes: Type.Array(Type.String()) }), ...problems } },
  }, async (request) => {
    const principal = authed(request.principal);
    return { data: await orgs.get(principal.orgId), scopes: [...principal.scopes] };
  });

  api.get('/v1/orgs/me/users', {
    schema: { tags, summary: 'Users of the organization', security: [{ apiKey: [] }], response: { 200: Type.Object({ data: Type.Array(User) }), ...problems } },
  }, async (request) => ({ data: await orgs.listUsers(requireScope(request.principal, 'org:admin').orgId) }));

  api.post('/v1/orgs/me/users', {
    schema: {
      tags, summary: 'Add a user (or change a role)', security: [{ apiKey: [] }],
      body: Type.Object({ email: Type.String({ maxLength: 320 }), name: Type.Optional(Type.String({ maxLength: 200 })), role: UserRole }),
      response: { 201: Type.Object({ data: User }), 400: Problem, ...problems },
    },
  }, async (request, reply) => {
    const user = await orgs.addUser(requireScope(request.principal, 'org:admin').orgId, request.body);
    return reply.status(201).send({ data: user });
  });

  api.get('/v1/orgs/me/keys', {
    schema: { tags, summary: 'API keys of the organization (never their secrets)', security: [{ apiKey: [] }], response: { 200: Type.Object({ data: Type.Array(ApiKey) }), ...problems } },
  }, async (request) => ({ data: await orgs.listKeys(requireScope(request.principal, 'org:admin').orgId) }));

  api.post('/v1/orgs/me/keys', {
    schema: {
      tags, summary: 'Create an API key; its secret is shown once', security: [{ apiKey: [] }],
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), scopes: Type.Array(Type.Union(apiKeyScopes.map((s) => Type.Literal(s))), { minItems: 1 }) }),
      response: { 201: Type.Object({ data: ApiKey, secret: Type.String() }), 400: Problem, ...problems },
    },
  }, async (request, reply) => {
    const { key, secret } = await orgs.createKey(requireScope(request.principal, 'org:admin').orgId, request.body);
    return reply.status(201).send({ data: key, secret });
  });

  api.delete('/v1/orgs/me/keys/:id', {
    schema: { tags, summary: 'Revoke an API key', security: [{ apiKey: [] }], params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: Type.Object({ data: ApiKey }), 404: Problem, ...problems } },
  }, async (request) => ({ data: await orgs.revokeKey(request.params.id, requireScope(request.principal, 'org:admin').orgId) }));
}
