import { Type, type Static } from 'typebox';
import { Achievement } from './achievement.js';
import { IdentityObject } from './identity-object.js';
import { Image } from './image.js';
import { DateTime, Markdown, typeIncluding } from './primitives.js';
import { Profile } from './profile.js';
import { Result } from './result.js';

/**
 * The recipient of an Open Badges credential and what they achieved. The
 * recipient is named by `id` (e.g. a DID), by `identifier` (e.g. a hashed email
 * address), or both.
 */
export const AchievementSubject = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uri', description: "The recipient's identifier, e.g. a DID" })),
    type: typeIncluding('AchievementSubject'),
    achievement: Achievement,
    identifier: Type.Optional(Type.Array(IdentityObject, { description: 'Other identities of the recipient' })),
    activityStartDate: Type.Optional(DateTime),
    activityEndDate: Type.Optional(DateTime),
    creditsEarned: Type.Optional(Type.Number()),
    image: Type.Optional(Image),
    licenseNumber: Type.Optional(Type.String()),
    narrative: Type.Optional(Markdown),
    result: Type.Optional(Type.Array(Result)),
    role: Type.Optional(Type.String({ description: "The learner's role, e.g. 'Intern'" })),
    source: Type.Optional(Profile),
    term: Type.Optional(Type.String({ description: 'The academic term' })),
  },
  {
    description: 'The recipient and the achievement awarded',
    anyOf: [{ required: ['id'] }, { required: ['identifier'] }],
  },
);
export type AchievementSubject = Static<typeof AchievementSubject>;
