import { Type, type Static } from 'typebox';
import { vcV1Context, vcV2Context } from './contexts.js';
import { CredentialStatus } from './credential-status.js';
import { ContextEntry, DateTime, oneOrMany, typeIncluding, Uri } from './primitives.js';
import { Proof } from './proof.js';

/**
 * The W3C Verifiable Credential base model, in its two editions: 2.0
 * (validFrom/validUntil) and 1.1 (issuanceDate/expirationDate). The Open Badges
 * and CLR credentials build on the same parts.
 */

/** A schema the credential declares it conforms to. */
export const CredentialSchema = Type.Object({ id: Uri, type: Type.String() }, { description: 'A data schema reference' });
export type CredentialSchema = Static<typeof CredentialSchema>;

/** A service the holder can use to get a fresh copy of the credential. */
export const RefreshService = Type.Object({ id: Type.Optional(Uri), type: Type.String() }, { description: 'A refresh service' });
export type RefreshService = Static<typeof RefreshService>;

/** Terms under which the credential was issued. */
export const TermsOfUse = Type.Object({ id: Type.Optional(Uri), type: Type.String() }, { description: 'Terms of use' });
export type TermsOfUse = Static<typeof TermsOfUse>;

/**
 * `@context` of a VC 2.0 credential: the VC 2.0 context first. The schema
 * requires its presence; its position is checked by the verifier, because a
 * positional rule needs tuple keywords that not every JSON Schema validator
 * reading these schemas accepts without complaint.
 */
export const VcV2ContextList = Type.Array(ContextEntry, {
  minItems: 1,
  contains: { const: vcV2Context },
  description: `a list of contexts whose first is ${vcV2Context}`,
});

/** `@context` of a VC 1.1 credential: the VC 1.1 context first. */
export const VcV1ContextList = Type.Array(ContextEntry, {
  minItems: 1,
  contains: { const: vcV1Context },
  description: `a list of contexts whose first is ${vcV1Context}`,
});

/** A credential subject is the subject of one or more claims: an object with at least one property. */
const CredentialSubjectEntry = Type.Object({ id: Type.Optional(Uri) }, { minProperties: 1, description: 'a subject with at least one claim' });

/** Evidence names its type; what else it says depends on that type. */
const TypedEvidence = Type.Object({ type: Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1 })]) }, { description: 'evidence with a type' });

/** The properties every credential has, whatever its edition and kind. */
export const credentialProperties = {
  id: Type.Optional(Uri),
  type: typeIncluding('VerifiableCredential'),
  issuer: Type.Union([Uri, Type.Object({ id: Uri })], { description: 'a URI, or an object with an id URI' }),
  credentialSubject: Type.Union([CredentialSubjectEntry, Type.Array(CredentialSubjectEntry, { minItems: 1 })], { description: 'an object with at least one claim, or a non-empty list of them' }),
  credentialStatus: Type.Optional(oneOrMany(CredentialStatus, 'a status entry, or a list of them')),
  credentialSchema: Type.Optional(oneOrMany(CredentialSchema, 'a schema reference, or a list of them')),
  refreshService: Type.Optional(oneOrMany(RefreshService, 'a refresh service, or a list of them')),
  termsOfUse: Type.Optional(oneOrMany(TermsOfUse, 'terms of use, or a list of them')),
  evidence: Type.Optional(oneOrMany(TypedEvidence, 'evidence with a type, or a list of them')),
  proof: Type.Optional(oneOrMany(Proof, 'a proof, or a list of proofs')),
};

/** A credential on the VC 2.0 data model. */
export const VerifiableCredential = Type.Object(
  {
    '@context': VcV2ContextList,
    ...credentialProperties,
    name: Type.Optional(Type.Unknown({ description: 'A display name, as a string or language values' })),
    description: Type.Optional(Type.Unknown({ description: 'A display description, as a string or language values' })),
    validFrom: Type.Optional(DateTime),
    validUntil: Type.Optional(DateTime),
  },
  { description: 'A W3C Verifiable Credential (data model 2.0)' },
);
export type VerifiableCredential = Static<typeof VerifiableCredential>;

/** A credential on the VC 1.1 data model. */
export const VerifiableCredentialV1 = Type.Object(
  {
    '@context': VcV1ContextList,
    ...credentialProperties,
    issuanceDate: DateTime,
    expirationDate: Type.Optional(DateTime),
  },
  { description: 'A W3C Verifiable Credential (data model 1.1)' },
);
export type VerifiableCredentialV1 = Static<typeof VerifiableCredentialV1>;

/**
 * A credential embedded in another (an endorsement, or an achievement
 * credential inside a CLR), checked here only for what makes it one: it is
 * verified on its own, with the schema of its own kind and edition.
 */
export function embeddedCredential(kinds: readonly string[]) {
  return Type.Object(
    {
      '@context': Type.Array(ContextEntry, { minItems: 1 }),
      type: Type.Array(Type.String(), { contains: { enum: [...kinds] } }),
    },
    { description: `an embedded ${kinds.join(' or ')}` },
  );
}
