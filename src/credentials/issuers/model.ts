import { Type, type Static } from 'typebox';
import { ImageUrl, WebUrl } from '../model/web-links.js';

/** How an issuer is identified in the credentials it signs. */
export const IdentifierKind = Type.Union([Type.Literal('https'), Type.Literal('did:web'), Type.Literal('did:key')], {
  description: 'https: an issuer profile URL served by openler that lists the keys; did:web: a DID document served by openler; did:key: the Ed25519 key itself',
});
export type IdentifierKind = Static<typeof IdentifierKind>;

/** The proof an issuer signs with unless a request asks for another. */
export const ProofFormat = Type.Union([Type.Literal('eddsa-rdfc-2022'), Type.Literal('jwt-eddsa'), Type.Literal('jwt-rs256')], {
  description: 'eddsa-rdfc-2022: a Data Integrity proof; jwt-eddsa / jwt-rs256: a VC-JWT signed with Ed25519 or RSA',
});
export type ProofFormat = Static<typeof ProofFormat>;

export const IssuerInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    url: Type.Optional(WebUrl),
    email: Type.Optional(Type.String({ format: 'email' })),
    image: Type.Optional(ImageUrl),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    identifier: Type.Optional(IdentifierKind),
    proof: Type.Optional(ProofFormat),
  },
  { additionalProperties: false },
);
export type IssuerInput = Static<typeof IssuerInput>;

export const IssuerKey = Type.Object({
  keyId: Type.String(),
  algorithm: Type.Union([Type.Literal('Ed25519'), Type.Literal('RS256')]),
  verificationMethod: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type IssuerKey = Static<typeof IssuerKey>;

export const Issuer = Type.Object({
  id: Type.String({ description: "openler's name for the issuer" }),
  orgId: Type.String(),
  /** The identifier credentials carry as issuer.id. */
  issuerId: Type.String({ description: 'The identifier its credentials carry as issuer.id (URL or DID)' }),
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  identifier: IdentifierKind,
  proof: ProofFormat,
  keys: Type.Array(IssuerKey),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Issuer = Static<typeof Issuer>;
