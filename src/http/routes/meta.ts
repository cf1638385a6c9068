import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { viewerOf } from '../auth.js';
import { version as openlerVersion } from '../../version.js';

export function metaRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/health', {
    schema: {
      tags: ['meta'],
      summary: 'Liveness and database check',
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }), 503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String() }) },
    },
  }, async (_request, reply) => {
    try {
      await context.db.query('SELECT 1');
      return { status: 'ok' as const, database: context.db.driver };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, database: context.db.driver });
    }
  });

  api.get('/v1/meta', {
    schema: {
      tags: ['meta'],
      summary: 'About this openler',
      response: {
        200: Type.Object({
          name: Type.String(),
          version: Type.String(),
          database: Type.String(),
          defaultLibrary: Type.String(),
          libraries: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), latestVersion: Type.Union([Type.String(), Type.Null()]) })),
          skillTypes: Type.Array(Type.String()),
        }),
      },
    },
  }, async (request) => ({
    name: 'openler',
    version: openlerVersion,
    database: context.db.driver,
    defaultLibrary: context.catalog.defaultLibrary,
    libraries: context.catalog.listLibraries(viewerOf(request)).map(({ id, name, latestVersion }) => ({ id, name, latestVersion })),
    skillTypes: ['specialized', 'common', 'certification'],
  }));
}
