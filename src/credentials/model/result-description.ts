import { Type, type Static } from 'typebox';
import { Alignment } from './alignment.js';
import { extensibleEnum, typeIncluding, Uri } from './primitives.js';

/** What kind of value a result holds. */
export const resultTypes = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
] as const;

export const ResultType = extensibleEnum(resultTypes, 'the result type');
export type ResultType = Static<typeof ResultType>;

/** One level of a rubric criterion, e.g. "Mastered". */
export const RubricCriterionLevel = Type.Object(
  {
    id: Uri,
    type: typeIncluding('RubricCriterionLevel'),
    name: Type.String(),
    alignment: Type.Optional(Type.Array(Alignment)),
    description: Type.Optional(Type.String()),
    level: Type.Optional(Type.String()),
    points: Type.Optional(Type.String()),
  },
  { description: 'A rubric criterion level' },
);
export type RubricCriterionLevel = Static<typeof RubricCriterionLevel>;

/** A result an achievement can be awarded with, e.g. a letter grade and its allowed values. */
export const ResultDescription = Type.Object(
  {
    id: Type.String({ format: 'uri', description: 'Results refer to their description by this id' }),
    type: typeIncluding('ResultDescription'),
    name: Type.String(),
    resultType: ResultType,
    alignment: Type.Optional(Type.Array(Alignment)),
    allowedValue: Type.Optional(Type.Array(Type.String(), { description: 'Allowed values, lowest first' })),
    requiredLevel: Type.Optional(Uri),
    requiredValue: Type.Optional(Type.String()),
    rubricCriterionLevel: Type.Optional(Type.Array(RubricCriterionLevel)),
    valueMax: Type.Optional(Type.String()),
    valueMin: Type.Optional(Type.String()),
  },
  { description: 'A possible result of an achievement' },
);
export type ResultDescription = Static<typeof ResultDescription>;
