import { didPattern } from '../model/web-links.js';
import { Type, type Static } from 'typebox';
import { ProofFormat } from '../issuers/model.js';
import { AssociationType } from '../model/association.js';

export const Recipient = Type.Object(
  {
    did: Type.Optional(Type.String({ pattern: didPattern, description: "The learner's DID, written as credentialSubject.id" })),
    email: Type.Optional(Type.String({ format: 'email', description: 'Written only as a salted SHA-256 hash (an IdentityObject)' })),
    name: Type.Optional(Type.String({ maxLength: 300, description: 'Kept by openler for the issuer; not written into the credential' })),
  },
  { additionalProperties: false, description: 'Who receives the credential: by DID, by email, or both' },
);
export type Recipient = Static<typeof Recipient>;

export const IssueInput = Type.Object(
  {
    achievement: Type.String({ description: 'The openler achievement ID (ach_...)' }),
    recipient: Recipient,
    proof: Type.Optional(ProofFormat),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The issuer's own ID for this award: issuing it again for the same recipient and achievement returns the first credential; for another, 409" })),
    narrative: Type.Optional(Type.String({ maxLength: 20000, description: 'What this learner did, written as credentialSubject.narrative' })),
    claimLinkDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'How long the claim link stays valid (default 30 days)' })),
  },
  { additionalProperties: false },
);
export type IssueInput = Static<typeof IssueInput>;

export const CredentialStatusName = Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('suspended')]);
export type CredentialStatusName = Static<typeof CredentialStatusName>;

export const IssuedCredential = Type.Object({
  id: Type.String({ description: 'The credential id (urn:uuid:...)' }),
  issuer: Type.String(),
  achievement: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  proof: ProofFormat,
  status: CredentialStatusName,
  statusReason: Type.Union([Type.String(), Type.Null()]),
  issuedAt: Type.String({ format: 'date-time' }),
  /** The signed credential: a JSON object with a Data Integrity proof, or a compact JWT. */
  credential: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()]),
  /** Set when issuing made a new claim link: shown this once. */
  claimUrl: Type.Optional(Type.String()),
  /** False when the externalId had been issued already and this is the first credential. */
  created: Type.Boolean(),
});
export type IssuedCredential = Static<typeof IssuedCredential>;

export const ClrInput = Type.Object(
  {
    issuer: Type.String({ description: 'The openler issuer ID (iss_...) that signs the CLR' }),
    recipient: Recipient,
    credentials: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 500, description: "IDs of the organization's issued Open Badges credentials to bundle" }),
    name: Type.Optional(Type.String({ maxLength: 500 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    associations: Type.Optional(Type.Array(Type.Object({
      associationType: AssociationType,
      source: Type.String({ description: 'achievement ID (ach_...) or achievement URL' }),
      target: Type.String({ description: 'achievement ID (ach_...) or achievement URL' }),
    }, { additionalProperties: false }), { maxItems: 1000 })),
    proof: Type.Optional(ProofFormat),
  },
  { additionalProperties: false },
);
export type ClrInput = Static<typeof ClrInput>;

/** What a claim link offers, shown before the learner collects it. */
export const ClaimPreview = Type.Object({
  credentialId: Type.String(),
  achievement: Type.String({ description: "The achievement's name" }),
  issuer: Type.String({ description: "The issuer's name" }),
  format: Type.Union([Type.Literal('json'), Type.Literal('jwt')]),
  expiresAt: Type.String({ format: 'date-time', description: 'Until when the link can be used' }),
});
export type ClaimPreview = Static<typeof ClaimPreview>;
