import { Type, type Static } from 'typebox';
import { openBadgesContextList } from './credential-contexts.js';
import { DateTime, Markdown, typeIncluding, typesIncluding, Uri } from './primitives.js';
import { Profile } from './profile.js';
import { credentialProperties } from './verifiable-credential.js';

/** What an endorsement is about: a profile, an achievement or a credential, by id. */
export const EndorsementSubject = Type.Object(
  {
    id: Type.String({ format: 'uri', description: 'The id of the endorsed profile, achievement or credential' }),
    type: typeIncluding('EndorsementSubject'),
    endorsementComment: Type.Optional(Markdown),
  },
  { description: 'The subject of an endorsement' },
);
export type EndorsementSubject = Static<typeof EndorsementSubject>;

const endorsementProperties = {
  ...credentialProperties,
  id: Uri,
  type: typesIncluding(['VerifiableCredential', 'EndorsementCredential']),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  issuer: Profile,
  awardedDate: Type.Optional(DateTime),
  credentialSubject: EndorsementSubject,
};

/** A third party's claim about a profile, achievement or credential (VC 2.0 edition). */
export const EndorsementCredential = Type.Object(
  { '@context': openBadgesContextList('v2'), ...endorsementProperties, validFrom: DateTime, validUntil: Type.Optional(DateTime) },
  { description: 'An Open Badges 3.0 endorsement' },
);
export type EndorsementCredential = Static<typeof EndorsementCredential>;

/**
 * The same on the VC 1.1 data model, as early Open Badges 3.0 issuers wrote
 * it; the drafts of that time gave endorsements no display name.
 */
export const EndorsementCredentialV1 = Type.Object(
  {
    '@context': openBadgesContextList('v1'),
    ...endorsementProperties,
    name: Type.Optional(Type.String()),
    issuanceDate: DateTime,
    expirationDate: Type.Optional(DateTime),
  },
  { description: 'An Open Badges 3.0 endorsement (VC 1.1 edition)' },
);
export type EndorsementCredentialV1 = Static<typeof EndorsementCredentialV1>;
