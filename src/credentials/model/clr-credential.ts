import { Type, type Static } from 'typebox';
import { ClrSubject } from './clr-subject.js';
import { clrContextList } from './credential-contexts.js';
import { Image } from './image.js';
import { CompactJws, DateTime, typesIncluding, Uri } from './primitives.js';
import { Profile } from './profile.js';
import { credentialProperties, embeddedCredential } from './verifiable-credential.js';

const clrCredentialProperties = {
  ...credentialProperties,
  id: Uri,
  type: typesIncluding(['VerifiableCredential', 'ClrCredential']),
  name: Type.String({ description: 'The display name of the record' }),
  description: Type.Optional(Type.String()),
  image: Type.Optional(Image),
  issuer: Profile,
  awardedDate: Type.Optional(DateTime),
  partial: Type.Optional(Type.Boolean({ description: 'True when the record holds only part of the learner\'s achievements' })),
  credentialSubject: ClrSubject,
  endorsement: Type.Optional(Type.Array(embeddedCredential(['EndorsementCredential']))),
  endorsementJwt: Type.Optional(Type.Array(CompactJws)),
};

/** A Comprehensive Learner Record 2.0: a learner's achievement credentials bundled and signed by one issuer (VC 2.0). */
export const ClrCredential = Type.Object(
  { '@context': clrContextList('v2'), ...clrCredentialProperties, validFrom: DateTime, validUntil: Type.Optional(DateTime) },
  { description: 'A CLR 2.0 credential' },
);
export type ClrCredential = Static<typeof ClrCredential>;

/** The same on the VC 1.1 data model, as early CLR 2.0 issuers wrote it. */
export const ClrCredentialV1 = Type.Object(
  { '@context': clrContextList('v1'), ...clrCredentialProperties, issuanceDate: DateTime, expirationDate: Type.Optional(DateTime) },
  { description: 'A CLR 2.0 credential (VC 1.1 edition)' },
);
export type ClrCredentialV1 = Static<typeof ClrCredentialV1>;
