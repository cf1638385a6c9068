import { Type, type Static } from 'typebox';
import { AchievementType } from './achievement-type.js';
import { Alignment } from './alignment.js';
import { Criteria } from './criteria.js';
import { IdentifierEntry } from './identifier-entry.js';
import { Image } from './image.js';
import { CompactJws, typeIncluding } from './primitives.js';
import { Profile } from './profile.js';
import { Related } from './related.js';
import { ResultDescription } from './result-description.js';
import { embeddedCredential } from './verifiable-credential.js';

/**
 * What is recognized: a badge, course, degree, certificate or competency, with
 * its criteria and the skills (alignments) it evidences. Many credentials award
 * the same achievement.
 */
export const Achievement = Type.Object(
  {
    id: Type.String({ format: 'uri', description: 'The achievement identifier' }),
    type: typeIncluding('Achievement'),
    name: Type.String(),
    description: Type.String(),
    criteria: Criteria,
    achievementType: Type.Optional(AchievementType),
    alignment: Type.Optional(Type.Array(Alignment)),
    creator: Type.Optional(Profile),
    creditsAvailable: Type.Optional(Type.Number({ description: 'Credit hours the achievement is worth, e.g. 3.0' })),
    endorsement: Type.Optional(Type.Array(embeddedCredential(['EndorsementCredential']))),
    endorsementJwt: Type.Optional(Type.Array(CompactJws)),
    fieldOfStudy: Type.Optional(Type.String({ description: 'The discipline, e.g. Business, Psychology' })),
    humanCode: Type.Optional(Type.String({ description: "A human-readable code, e.g. 'CS 101'" })),
    image: Type.Optional(Image),
    inLanguage: Type.Optional(Type.String({ description: 'BCP 47 language tag' })),
    otherIdentifier: Type.Optional(Type.Array(IdentifierEntry)),
    related: Type.Optional(Type.Array(Related)),
    resultDescription: Type.Optional(Type.Array(ResultDescription)),
    specialization: Type.Optional(Type.String({ description: 'The focus within the field of study' })),
    tag: Type.Optional(Type.Array(Type.String())),
    version: Type.Optional(Type.String()),
  },
  { description: 'An achievement definition' },
);
export type Achievement = Static<typeof Achievement>;
