import { Type, type Static } from 'typebox';
import { AchievementSubject } from './achievement-subject.js';
import { openBadgesContextList } from './credential-contexts.js';
import { Evidence } from './evidence.js';
import { Image } from './image.js';
import { CompactJws, DateTime, typesIncluding, Uri } from './primitives.js';
import { Profile } from './profile.js';
import { credentialProperties, embeddedCredential } from './verifiable-credential.js';

/** The credential types an Open Badges 3.0 achievement credential may carry (they are synonyms). */
export const achievementCredentialTypes = ['OpenBadgeCredential', 'AchievementCredential'] as const;

const achievementCredentialProperties = {
  ...credentialProperties,
  id: Uri,
  type: typesIncluding(['VerifiableCredential'], achievementCredentialTypes),
  name: Type.String({ description: 'The display name of the credential' }),
  description: Type.Optional(Type.String()),
  image: Type.Optional(Image),
  issuer: Profile,
  awardedDate: Type.Optional(DateTime),
  credentialSubject: AchievementSubject,
  endorsement: Type.Optional(Type.Array(embeddedCredential(['EndorsementCredential']))),
  endorsementJwt: Type.Optional(Type.Array(CompactJws)),
  evidence: Type.Optional(Type.Array(Evidence)),
};

/**
 * An Open Badges 3.0 credential (OpenBadgeCredential, also called
 * AchievementCredential): one achievement awarded to one recipient, on the VC
 * 2.0 data model.
 */
export const AchievementCredential = Type.Object(
  { '@context': openBadgesContextList('v2'), ...achievementCredentialProperties, validFrom: DateTime, validUntil: Type.Optional(DateTime) },
  { description: 'An Open Badges 3.0 achievement credential' },
);
export type AchievementCredential = Static<typeof AchievementCredential>;

/** The same on the VC 1.1 data model, as early Open Badges 3.0 issuers wrote it. */
export const AchievementCredentialV1 = Type.Object(
  { '@context': openBadgesContextList('v1'), ...achievementCredentialProperties, issuanceDate: DateTime, expirationDate: Type.Optional(DateTime) },
  { description: 'An Open Badges 3.0 achievement credential (VC 1.1 edition)' },
);
export type AchievementCredentialV1 = Static<typeof AchievementCredentialV1>;

/** OpenBadgeCredential is the spec's other name for AchievementCredential. */
export const OpenBadgeCredential = AchievementCredential;
export type OpenBadgeCredential = AchievementCredential;
