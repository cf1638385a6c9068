import { Type, type Static } from 'typebox';
import { achievementTypes } from '../model/achievement-type.js';
import { ImageUrl, WebUrl } from '../model/web-links.js';

/** A skill an achievement evidences, from any loaded library (the default when none is named). */
export const SkillReference = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'The skill ID' }),
    library: Type.Optional(Type.String({ description: 'The library (default: openler)' })),
    version: Type.Optional(Type.String({ description: 'The release (default: the latest)' })),
  },
  { additionalProperties: false },
);
export type SkillReference = Static<typeof SkillReference>;

export const AchievementInput = Type.Object(
  {
    issuer: Type.String({ description: 'The openler issuer ID (iss_...) that awards it' }),
    name: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.String({ minLength: 1, maxLength: 10000 }),
    achievementType: Type.Optional(Type.String({ pattern: `^(?:${achievementTypes.join('|')}|ext:[A-Za-z0-9._-]+)$`, description: `One of ${achievementTypes.join(', ')}, or an extension term starting with 'ext:' (default Badge)` })),
    criteria: Type.Object(
      {
        narrative: Type.Optional(Type.String({ maxLength: 20000 })),
        id: Type.Optional(WebUrl),
      },
      { additionalProperties: false, description: 'What a learner did to earn it: a narrative, a URL, or both' },
    ),
    image: Type.Optional(ImageUrl),
    creditsAvailable: Type.Optional(Type.Number({ minimum: 0 })),
    fieldOfStudy: Type.Optional(Type.String({ maxLength: 500 })),
    humanCode: Type.Optional(Type.String({ maxLength: 100 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    skills: Type.Optional(Type.Array(SkillReference, { maxItems: 200, description: 'The skills it evidences, aligned in the credential' })),
  },
  { additionalProperties: false },
);
export type AchievementInput = Static<typeof AchievementInput>;

export const AchievementRecord = Type.Object({
  id: Type.String({ description: "openler's name for the achievement (ach_...)" }),
  orgId: Type.String(),
  issuer: Type.String(),
  /** The Open Badges 3.0 Achievement as credentials embed it. */
  achievement: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AchievementRecord = Static<typeof AchievementRecord>;
