import { Type, type Static } from 'typebox';
import { Address } from './address.js';
import { IdentifierEntry } from './identifier-entry.js';
import { Image } from './image.js';
import { CompactJws, DateOnly, typeIncluding } from './primitives.js';
import { embeddedCredential } from './verifiable-credential.js';

/** What describes a person or organization, apart from its links to other profiles and endorsements. */
export const profileProperties = {
  id: Type.String({ format: 'uri', description: 'The profile identifier: a DID or an https URL that resolves to the profile' }),
  type: typeIncluding('Profile'),
  name: Type.Optional(Type.String()),
  url: Type.Optional(Type.String({ format: 'uri', description: 'The home page' })),
  phone: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  image: Type.Optional(Image),
  email: Type.Optional(Type.String()),
  address: Type.Optional(Address),
  otherIdentifier: Type.Optional(Type.Array(IdentifierEntry)),
  official: Type.Optional(Type.String({ description: 'The name of an authorized official of the organization' })),
  familyName: Type.Optional(Type.String()),
  givenName: Type.Optional(Type.String()),
  additionalName: Type.Optional(Type.String()),
  patronymicName: Type.Optional(Type.String()),
  honorificPrefix: Type.Optional(Type.String()),
  honorificSuffix: Type.Optional(Type.String()),
  familyNamePrefix: Type.Optional(Type.String()),
  dateOfBirth: Type.Optional(DateOnly),
};

/**
 * A person or organization: the issuer of a credential, the creator of an
 * achievement, the source that assessed it. Its parent organization is checked
 * one level deep, and its endorsements are credentials verified on their own.
 */
export const Profile = Type.Object(
  {
    ...profileProperties,
    parentOrg: Type.Optional(Type.Object(profileProperties, { description: 'The parent organization' })),
    endorsement: Type.Optional(Type.Array(embeddedCredential(['EndorsementCredential']))),
    endorsementJwt: Type.Optional(Type.Array(CompactJws)),
  },
  { description: 'A person or organization' },
);
export type Profile = Static<typeof Profile>;
