import { Type, type Static } from 'typebox';
import { Achievement } from './achievement.js';
import { achievementCredentialTypes } from './achievement-credential.js';
import { Association } from './association.js';
import { IdentityObject } from './identity-object.js';
import { CompactJws, typeIncluding } from './primitives.js';
import { embeddedCredential } from './verifiable-credential.js';

/**
 * The learner of a CLR and their record: the achievement credentials it bundles
 * (each verified on its own, as embedded JSON or as a VC-JWT), the achievements
 * they award, and how those achievements relate.
 */
export const ClrSubject = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uri', description: "The learner's identifier, e.g. a DID" })),
    type: typeIncluding('ClrSubject'),
    identifier: Type.Optional(Type.Array(IdentityObject)),
    achievement: Type.Optional(Type.Array(Achievement)),
    verifiableCredential: Type.Array(
      Type.Union([embeddedCredential(achievementCredentialTypes), CompactJws], {
        description: 'an achievement credential, embedded or as a VC-JWT',
      }),
      { minItems: 1 },
    ),
    association: Type.Optional(Type.Array(Association)),
  },
  { description: 'The learner and their record' },
);
export type ClrSubject = Static<typeof ClrSubject>;
