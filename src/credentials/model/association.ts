import { Type, type Static } from 'typebox';
import { closedEnum, typeExactly } from './primitives.js';

/** How one achievement in a CLR relates to another. */
export const associationTypes = [
  'exactMatchOf',
  'isChildOf',
  'isParentOf',
  'isPartOf',
  'isPeerOf',
  'isRelatedTo',
  'precedes',
  'replacedBy',
] as const;

export const AssociationType = closedEnum(associationTypes, 'the association type');
export type AssociationType = Static<typeof AssociationType>;

/** A relation between two achievements of a CLR, by their ids (e.g. a course is part of a program). */
export const Association = Type.Object(
  {
    type: typeExactly('Association'),
    associationType: AssociationType,
    sourceId: Type.String({ format: 'uri', description: 'The id of the source achievement' }),
    targetId: Type.String({ format: 'uri', description: 'The id of the target achievement' }),
  },
  { description: 'An association between two achievements' },
);
export type Association = Static<typeof Association>;
