import { Type, type Static } from 'typebox';
import { typeExactly } from './primitives.js';

/** An image of a credential, achievement or profile, by URL or as a data URI. */
export const Image = Type.Object(
  {
    id: Type.String({ format: 'uri', description: 'The image URL, or the image itself as a data URI' }),
    type: typeExactly('Image'),
    caption: Type.Optional(Type.String()),
  },
  { description: 'An image with optional caption' },
);
export type Image = Static<typeof Image>;
