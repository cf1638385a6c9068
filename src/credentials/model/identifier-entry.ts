import { Type, type Static } from 'typebox';
import { IdentifierType } from './identifier-type.js';
import { typeExactly } from './primitives.js';

/** One more identifier of a profile or achievement, in some other system. */
export const IdentifierEntry = Type.Object(
  {
    type: typeExactly('IdentifierEntry'),
    identifier: Type.String(),
    identifierType: IdentifierType,
  },
  { description: 'An identifier in another system' },
);
export type IdentifierEntry = Static<typeof IdentifierEntry>;
