import { Type, type Static } from 'typebox';
import { typeIncluding, Uri } from './primitives.js';

/** Another achievement to be treated as the same one: a translation or an earlier version. */
export const Related = Type.Object(
  {
    id: Uri,
    type: typeIncluding('Related'),
    '@language': Type.Optional(Type.String({ description: 'BCP 47 language tag' })),
    version: Type.Optional(Type.String()),
  },
  { description: 'A related achievement' },
);
export type Related = Static<typeof Related>;
