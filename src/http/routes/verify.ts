import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { Problem } from '../problem.js';

const Check = Type.Object({
  check: Type.Union([Type.Literal('parse'), Type.Literal('structure'), Type.Literal('proof'), Type.Literal('issuer'), Type.Literal('validity'), Type.Literal('status')]),
  status: Type.Union([Type.Literal('passed'), Type.Literal('failed'), Type.Literal('skipped')]),
  reason: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
});

const Report = Type.Object({
  verified: Type.Boolean(),
  format: Type.String(),
  kind: Type.Optional(Type.String()),
  vcVersion: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
  issuer: Type.Optional(Type.String()),
  checks: Type.Array(Check),
  credential: Type.Record(Type.String(), Type.Unknown()),
});

/** The largest badge image or credential accepted for verification. */
const maxVerifyBytes = 6 * 1024 * 1024;

/** Anyone verifies any credential: no key needed. */
export function verifyRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { verification } = context.credentials;
  app.addContentTypeParser(['image/png', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: maxVerifyBytes }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(['image/svg+xml', 'application/jwt', 'application/vc+jwt', 'application/vc+ld+json+jwt'], { parseAs: 'string', bodyLimit: maxVerifyBytes }, (_request, body, done) => done(null, body));

  api.post('/v1/verify', {
    bodyLimit: maxVerifyBytes,
    schema: {
      tags: ['verification'],
      summary: 'Verify a credential',
      description: [
        'The body is the credential: JSON (Open Badges 3.0, CLR 2.0, any VC 2.0 or 1.1, or an Open Badges 2.0 assertion), a compact JWT (text/plain or application/jwt), or a baked badge (image/png, image/svg+xml).',
        'The answer lists each check (parse, structure, proof, issuer, validity, status) with its outcome and reason; verified is true only when none failed.',
        "openler's own issuers and status lists are checked against its database; other issuers' documents come from the trust store, or the network when the server allows it and allowRemote=true.",
      ].join(' '),
      querystring: Type.Object({ allowRemote: Type.Optional(Type.Boolean({ description: 'Fetch remote issuer documents and status lists (only where the server allows it)' })) }),
      body: Type.Unknown(),
      response: { 200: Report, 400: Problem, 403: Problem, 413: Problem, 415: Problem, 422: Problem },
    },
  }, async (request) => {
    const report = await verification.verify(request.body, request.query.allowRemote === undefined ? {} : { allowRemote: request.query.allowRemote });
    return report;
  });
}
