import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { OpenlerError } from '../../common/errors.js';
import type { Context } from '../../context.js';
import { ProofFormat } from '../../credentials/issuers/model.js';
import { verifyPresentation } from '../../credentials/presentations.js';
import { narrowReport, selectableChecks, type SelectableCheck } from '../../credentials/verify/report.js';
import type { VerificationReport } from '../../credentials/verify/verify-credential.js';
import { requireScope } from '../../orgs/service.js';
import { credentialJsonLdTypes, presentationJsonLdTypes, readJsonLdAsJson } from '../json-ld-bodies.js';
import { Problem } from '../problem.js';

const Json = Type.Record(Type.String(), Type.Unknown());
const VerifyResult = Type.Object({
  verified: Type.Boolean(),
  checks: Type.Array(Type.String()),
  warnings: Type.Array(Type.Object({ check: Type.String(), message: Type.String() })),
  errors: Type.Array(Type.Object({ check: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) })),
});

/** One status change; `status` sets the bit (true, the default: revoke or suspend) or clears it (false: reinstate). */
const StatusChange = Type.Object({
  type: Type.Optional(Type.String()),
  statusPurpose: Type.Union([Type.Literal('revocation'), Type.Literal('suspension')]),
  status: Type.Optional(Type.Boolean()),
});
type StatusChange = Static<typeof StatusChange>;

const VerifyOptions = Type.Object({
  checks: Type.Optional(Type.Array(Type.String())),
  expectedProofPurpose: Type.Optional(Type.String()),
  challenge: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
}, { additionalProperties: true });

/**
 * The VC-API result of a verification: checks that passed, skipped ones as
 * warnings, failures as errors. A failure of a check the caller did not ask
 * for (options.checks) is a warning too: it ran, but does not decide.
 */
function vcApiResult(report: VerificationReport) {
  const deciding = (check: VerificationReport['checks'][number]) => check.requested !== false;
  return {
    verified: report.verified,
    checks: report.checks.filter((check) => check.status === 'passed').map((check) => check.check),
    warnings: report.checks.filter((check) => check.status === 'skipped' || (check.status === 'failed' && !deciding(check)))
      .map((check) => ({ check: check.check, message: check.status === 'failed' ? `failed, but not among the requested checks: ${check.reason ?? ''}` : check.reason ?? '' })),
    errors: report.checks.filter((check) => check.status === 'failed' && deciding(check)).map((check) => ({ check: check.check, message: check.reason ?? '', ...(check.path ? { path: check.path } : {}) })),
  };
}

/** VC-API check names, as verifiers and suites send them, to openler's checks. */
const checkNames: Readonly<Record<string, SelectableCheck>> = {
  proof: 'proof',
  issuer: 'issuer',
  validity: 'validity',
  expiration: 'validity',
  validFrom: 'validity',
  validUntil: 'validity',
  status: 'status',
  credentialStatus: 'status',
};

/** The checks options.checks asks for; undefined (every check decides) when it is absent. */
function requestedChecks(names: readonly string[] | undefined): SelectableCheck[] | undefined {
  if (names === undefined) return undefined;
  const unknown = names.filter((name) => !Object.hasOwn(checkNames, name));
  if (unknown.length > 0) {
    throw new OpenlerError('bad_request', `options.checks names no check openler knows: ${unknown.join(', ')} (known: ${Object.keys(checkNames).join(', ')})`, { field: 'options.checks' });
  }
  return selectableChecks.filter((check) => names.some((name) => checkNames[name] === check));
}

/**
 * The W3C VC-API: issue (for the calling key's organization), verify
 * credentials and presentations (for anyone), and update a credential's status.
 */
export function vcApiRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { issuance, verification } = context.credentials;
  const tags = ['vc-api'];

  api.post('/credentials/issue', {
    schema: {
      tags, summary: 'Issue a credential (VC-API)', security: [{ apiKey: [] }],
      description: "Signs the credential for the one of the calling organization's issuers that credential.issuer names (its id, or an object with that id). openler adds an id when there is none and, on VC 2.0, status entries. options.proof picks eddsa-rdfc-2022 (default) or a VC-JWT, returned as an EnvelopedVerifiableCredential.",
      body: Type.Object({ credential: Json, options: Type.Optional(Type.Object({ proof: Type.Optional(ProofFormat) }, { additionalProperties: true })) }),
      response: { 201: Type.Object({ verifiableCredential: Json }), 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
    },
  }, async (request, reply) => {
    const orgId = requireScope(request.principal, 'credentials:issue').orgId;
    requireIssuer(request.body.credential);
    const proof = request.body.options?.proof;
    const issued = await issuance.issueCredential(orgId, request.body.credential, proof ? { proof } : {});
    const verifiableCredential = typeof issued.credential === 'string'
      ? { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${issued.credential}`, type: 'EnvelopedVerifiableCredential' }
      : issued.credential;
    return reply.status(201).send({ verifiableCredential });
  });

  // Verifiers and wallets send credentials and presentations under their own JSON-LD media types, as to /v1/verify.
  const jsonBodyTypes = ['application/json', ...credentialJsonLdTypes, ...presentationJsonLdTypes];
  app.register(async (scope) => {
    readJsonLdAsJson(scope, [...credentialJsonLdTypes, ...presentationJsonLdTypes]);
    const verifyApi = scope.withTypeProvider<TypeBoxTypeProvider>();

    verifyApi.post('/credentials/verify', {
      schema: {
        tags, summary: 'Verify a credential (VC-API)', consumes: jsonBodyTypes,
        description: 'verifiableCredential is the credential (or an EnvelopedVerifiableCredential holding a VC-JWT). 200 when every deciding check passes; 400 with the failed checks as errors otherwise. options.checks narrows which checks decide (proof, issuer, validity or expiration, status or credentialStatus; the structure always decides); the others still run, and their failures are warnings. Without it every check decides. options.expectedProofPurpose, options.challenge and options.domain must match each Data Integrity proof.',
        body: Type.Object({ verifiableCredential: Type.Unknown(), options: Type.Optional(VerifyOptions) }),
        response: { 200: VerifyResult, 400: Type.Union([VerifyResult, Problem]) },
      },
    }, async (request, reply) => {
      const credential = request.body.verifiableCredential;
      const requested = requestedChecks(request.body.options?.checks);
      const full = await verification.verify(credential);
      const result = vcApiResult(requested === undefined ? full : narrowReport(full, requested));
      const report = { verified: result.verified };
      const mismatches = proofOptionMismatches(credential, request.body.options ?? {});
      const verified = report.verified && mismatches.length === 0;
      return reply.status(verified ? 200 : 400).send({
        ...result,
        verified,
        checks: mismatches.length === 0 ? result.checks : result.checks.filter((check) => check !== 'proof'),
        errors: [...result.errors, ...mismatches],
      });
    });

    verifyApi.post('/presentations/verify', {
      schema: {
        tags, summary: 'Verify a presentation and the credentials in it (VC-API)', consumes: jsonBodyTypes,
        body: Type.Object({
          verifiablePresentation: Type.Unknown(),
          options: Type.Optional(Type.Object({ challenge: Type.Optional(Type.String()), domain: Type.Optional(Type.String()) }, { additionalProperties: true })),
        }),
        response: {
          200: Type.Object({ ...VerifyResult.properties, presentationResult: Json, credentialResults: Type.Array(VerifyResult) }),
          400: Type.Union([Type.Object({ ...VerifyResult.properties, presentationResult: Json, credentialResults: Type.Array(VerifyResult) }), Problem]),
        },
      },
    }, async (request, reply) => {
      const options = request.body.options ?? {};
      const presentation = request.body.verifiablePresentation;
      const report = await verifyPresentation(verification, presentation, {
        ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
        ...(options.domain !== undefined ? { domain: options.domain } : {}),
      });
      const credentialResults = report.credentials.map(vcApiResult);
      const presentationFailed = report.presentation.status === 'failed';
      const body = {
        verified: report.verified,
        checks: report.presentation.status === 'passed' ? ['proof'] : [],
        warnings: report.presentation.status === 'skipped' ? [{ check: 'proof', message: report.presentation.reason }] : [],
        errors: [
          ...(presentationFailed ? [{ check: 'proof', message: report.presentation.reason }] : []),
          ...credentialResults.flatMap((result, index) => result.errors.map((error) => ({ ...error, check: `verifiableCredential[${index}].${error.check}` }))),
        ],
        presentationResult: { verified: !presentationFailed, status: report.presentation.status, reason: report.presentation.reason },
        credentialResults,
      };
      return reply.status(report.verified ? 200 : 400).send(body);
    });
  });

  api.post('/credentials/status', {
    schema: {
      tags, summary: "Update a credential's status (VC-API)", security: [{ apiKey: [] }],
      description: 'credentialStatus is one change or a list of them: { statusPurpose: revocation | suspension, status: true (the default) | false }. Revocation is final.',
      body: Type.Object({
        credentialId: Type.String({ minLength: 1 }),
        credentialStatus: Type.Union([StatusChange, Type.Array(StatusChange, { minItems: 1 })]),
      }),
      response: { 200: Type.Object({ credentialId: Type.String(), status: Type.String() }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
    },
  }, async (request) => {
    const orgId = requireScope(request.principal, 'credentials:issue').orgId;
    let status = '';
    for (const change of asList(request.body.credentialStatus) as StatusChange[]) {
      const set = change.status ?? true;
      if (change.statusPurpose === 'revocation' && !set) throw new OpenlerError('conflict', 'Revocation is final: a revoked credential cannot be reinstated', { field: 'credentialStatus' });
      const action = change.statusPurpose === 'revocation' ? 'revoke' : set ? 'suspend' : 'reinstate';
      status = (await issuance.setStatus(orgId, request.body.credentialId, action)).status;
    }
    return { credentialId: request.body.credentialId, status };
  });
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** An EnvelopedVerifiableCredential carries a VC-JWT in a data: URL; the verifier wants the JWT. */
/**
 * The issuer names itself: the VC-API issue call requires credential.issuer,
 * a URL or an object with a URL id (which of the organization's issuers signs
 * is checked by the issuing service).
 */
function requireIssuer(credential: Record<string, unknown>): void {
  const issuer = credential.issuer;
  if (issuer === undefined) throw new OpenlerError('validation_failed', 'The credential has no issuer: set credential.issuer to the id of one of your issuers', { field: 'credential.issuer' });
  const id = typeof issuer === 'string' ? issuer : issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) ? (issuer as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id === '') {
    throw new OpenlerError('validation_failed', 'credential.issuer must be a URL, or an object whose id is a URL', { field: 'credential.issuer' });
  }
}

interface ProofExpectations {
  expectedProofPurpose?: string | undefined;
  challenge?: string | undefined;
  domain?: string | undefined;
}

/**
 * What the caller expects of the proofs (Data Integrity: the proof purpose,
 * and for an authentication proof the challenge and domain it was made for),
 * as errors for each embedded proof that differs. A credential in a JWT has
 * no such proof options, so it has no mismatches.
 */
function proofOptionMismatches(credential: unknown, expected: ProofExpectations): Array<{ check: string; message: string; path: string }> {
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) return [];
  const proof = (credential as { proof?: unknown }).proof;
  const proofs = asList(proof);
  const mismatches: Array<{ check: string; message: string; path: string }> = [];
  proofs.forEach((entry, index) => {
    const path = Array.isArray(proof) ? `$.proof[${index}]` : '$.proof';
    const options = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const compare = (field: 'proofPurpose' | 'challenge' | 'domain', wanted: string | undefined) => {
      if (wanted === undefined) return;
      const found = options[field];
      const matches = field === 'domain' && Array.isArray(found) ? found.includes(wanted) : found === wanted;
      if (!matches) mismatches.push({ check: 'proof', message: `the proof's ${field} is ${JSON.stringify(found ?? null)}, not the expected ${JSON.stringify(wanted)}`, path: `${path}.${field}` });
    };
    compare('proofPurpose', expected.expectedProofPurpose);
    compare('challenge', expected.challenge);
    compare('domain', expected.domain);
  });
  return mismatches;
}
