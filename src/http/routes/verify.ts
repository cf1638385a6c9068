import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { credentialJsonLdTypes, readJsonLdAsJson } from '../json-ld-bodies.js';
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

/**
 * The request body per content type. The schemas only document: the verifier
 * reads whatever arrives and reports what is wrong with it as a failed check.
 */
const jsonCredential = { schema: { description: 'A credential or Open Badges 2.0 assertion as JSON' } };
const jwtCredential = { schema: { type: 'string', description: 'A compact JWT (VC-JWT)' } };
const credentialBody = {
  content: {
    'application/json': jsonCredential,
    ...Object.fromEntries(credentialJsonLdTypes.map((type) => [type, jsonCredential])),
    'text/plain': jwtCredential,
    'application/jwt': jwtCredential,
    'application/vc+jwt': jwtCredential,
    'application/vc+ld+json+jwt': jwtCredential,
    'image/png': { schema: { description: 'A badge image with the credential baked in (iTXt chunk)' } },
    'image/svg+xml': { schema: { type: 'string', description: 'An SVG badge with the credential baked in' } },
    'application/octet-stream': { schema: { description: 'A baked badge image whose type is not declared' } },
  },
};

/** Anyone verifies any credential: no key needed. */
export function verifyRoutes(app: FastifyInstance, context: Context): void {
  const { verification } = context.credentials;
  app.addContentTypeParser(['image/png', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: maxVerifyBytes }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(['image/svg+xml', 'application/jwt', 'application/vc+jwt', 'application/vc+ld+json+jwt'], { parseAs: 'string', bodyLimit: maxVerifyBytes }, (_request, body, done) => done(null, body));

  // A credential's own JSON media types (what openler's claim links deliver) are read as JSON here.
  app.register(async (scope) => {
    readJsonLdAsJson(scope, credentialJsonLdTypes, { bodyLimit: maxVerifyBytes });
    scope.withTypeProvider<TypeBoxTypeProvider>().post('/v1/verify', {
      bodyLimit: maxVerifyBytes,
      schema: {
        tags: ['verification'],
        summary: 'Verify a credential',
        description: [
          'The body is the credential: JSON (Open Badges 3.0, CLR 2.0, any VC 2.0 or 1.1, or an Open Badges 2.0 assertion; application/json, application/vc+ld+json or application/ld+json), a compact JWT (text/plain, application/jwt or application/vc+jwt), or a baked badge (image/png, image/svg+xml).',
          'The answer lists each check (parse, structure, proof, issuer, validity, status) with its outcome and reason; verified is true only when none failed.',
          "openler's own issuers and status lists are checked against its database; other issuers' documents come from the trust store, or the network when the server allows it and allowRemote=true.",
        ].join(' '),
        querystring: Type.Object({ allowRemote: Type.Optional(Type.Boolean({ description: 'Fetch remote issuer documents and status lists (only where the server allows it)' })) }),
        body: credentialBody,
        response: { 200: Report, 400: Problem, 403: Problem, 413: Problem, 415: Problem, 422: Problem },
      },
    }, async (request) => {
      const report = await verification.verify(request.body, request.query.allowRemote === undefined ? {} : { allowRemote: request.query.allowRemote });
      return report;
    });
  });
}
