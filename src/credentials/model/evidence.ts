import { Type, type Static } from 'typebox';
import { Markdown, typeIncluding } from './primitives.js';

/** Work or records that support the award. */
export const Evidence = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uri', description: 'A page presenting the evidence, or the evidence as a data URI' })),
    type: typeIncluding('Evidence'),
    narrative: Type.Optional(Markdown),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    genre: Type.Optional(Type.String({ description: 'The kind of work, e.g. Poetry, Film, Source code' })),
    audience: Type.Optional(Type.String()),
  },
  { description: 'Evidence of the achievement' },
);
export type Evidence = Static<typeof Evidence>;
