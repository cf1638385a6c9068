import { Type, type Static } from 'typebox';
import { Markdown } from './primitives.js';

/** How the achievement is earned: a page that says so, a narrative, or both. */
export const Criteria = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uri', description: 'A page describing the criteria' })),
    narrative: Type.Optional(Markdown),
  },
  { description: 'What earning the achievement requires' },
);
export type Criteria = Static<typeof Criteria>;
