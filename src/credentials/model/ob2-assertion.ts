import { Type, type Static } from 'typebox';
import { obV2Context } from './contexts.js';
import { ContextEntry, typeIncluding, Uri } from './primitives.js';

/**
 * Open Badges 2.0, the model before Verifiable Credentials: an Assertion
 * awards a BadgeClass defined by an Issuer, and is verified either by hosting
 * (the assertion is fetched from its own id) or by a JWS signature.
 */

/** `@context` of an OB 2.0 document: the OB 2.0 context, alone or in a list. */
export const Ob2ContextValue = Type.Union(
  [Type.Literal(obV2Context), Type.Array(ContextEntry, { contains: { const: obV2Context } })],
  { description: `${obV2Context}, or a list of contexts that includes it` },
);

/** The recipient of an OB 2.0 assertion, by email, URL, telephone or id, plain or hashed. */
export const Ob2Recipient = Type.Object(
  {
    type: Type.String({ description: "The identity property, e.g. 'email'" }),
    identity: Type.String({ description: "The identity, or 'sha256$' + hex digest of identity + salt" }),
    hashed: Type.Boolean(),
    salt: Type.Optional(Type.String()),
  },
  { description: 'The recipient' },
);
export type Ob2Recipient = Static<typeof Ob2Recipient>;

/** An OB 2.0 issuer profile (typed 'Issuer' or 'Profile'). */
export const Ob2Profile = Type.Object(
  {
    id: Uri,
    type: Type.Union([Type.Literal('Issuer'), Type.Literal('Profile'), Type.Array(Type.String(), { contains: { enum: ['Issuer', 'Profile'] } })], {
      description: "'Issuer' or 'Profile', or a list of types that includes one",
    }),
    name: Type.String(),
    url: Type.Optional(Uri),
    email: Type.Optional(Type.String()),
    publicKey: Type.Optional(Type.Unknown()),
    revocationList: Type.Optional(Uri),
  },
  { description: 'An issuer profile' },
);
export type Ob2Profile = Static<typeof Ob2Profile>;

/** An OB 2.0 badge definition. */
export const Ob2BadgeClass = Type.Object(
  {
    id: Uri,
    type: typeIncluding('BadgeClass'),
    name: Type.String(),
    description: Type.String(),
    image: Type.Union([Uri, Type.Object({ id: Uri })], { description: 'an image URI, or an Image object with an id' }),
    criteria: Type.Union([Uri, Type.Object({})], { description: 'a criteria URL, or a Criteria object' }),
    issuer: Type.Union([Uri, Ob2Profile], { description: 'an issuer URL, or an issuer Profile' }),
    alignment: Type.Optional(Type.Array(Type.Object({ targetName: Type.String(), targetUrl: Uri }))),
    tags: Type.Optional(Type.Array(Type.String())),
  },
  { description: 'A badge definition' },
);
export type Ob2BadgeClass = Static<typeof Ob2BadgeClass>;

/** How an OB 2.0 assertion is verified. */
export const Ob2Verification = Type.Object(
  {
    type: Type.Union([Type.Literal('hosted'), Type.Literal('HostedBadge'), Type.Literal('signed'), Type.Literal('SignedBadge')], {
      description: "'hosted' (or 'HostedBadge'), or 'signed' (or 'SignedBadge')",
    }),
    creator: Type.Optional(Type.String({ format: 'uri', description: 'For signed badges: the URL of the signing key' })),
    verificationProperty: Type.Optional(Type.String()),
    startsWith: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    allowedOrigins: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  },
  { description: 'The verification method' },
);
export type Ob2Verification = Static<typeof Ob2Verification>;

/** An OB 2.0 assertion: one badge awarded to one recipient. */
export const Ob2Assertion = Type.Object(
  {
    '@context': Ob2ContextValue,
    type: typeIncluding('Assertion'),
    id: Uri,
    recipient: Ob2Recipient,
    badge: Type.Union([Uri, Ob2BadgeClass], { description: 'a BadgeClass URL, or an embedded BadgeClass' }),
    verification: Ob2Verification,
    issuedOn: Type.String({ format: 'date-time' }),
    expires: Type.Optional(Type.String({ format: 'date-time' })),
    image: Type.Optional(Type.Union([Uri, Type.Object({ id: Uri })], { description: 'an image URI, or an Image object with an id' })),
    evidence: Type.Optional(Type.Unknown()),
    narrative: Type.Optional(Type.String()),
    revoked: Type.Optional(Type.Boolean()),
    revocationReason: Type.Optional(Type.String()),
  },
  { description: 'An Open Badges 2.0 assertion' },
);
export type Ob2Assertion = Static<typeof Ob2Assertion>;
