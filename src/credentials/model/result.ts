import { Type, type Static } from 'typebox';
import { Alignment } from './alignment.js';
import { closedEnum, typeIncluding } from './primitives.js';

/** Where the learner stands with the achievement. */
export const resultStatusTypes = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const;
export const ResultStatusType = closedEnum(resultStatusTypes, 'the result status');
export type ResultStatusType = Static<typeof ResultStatusType>;

/** A result the recipient achieved, linked to one of the achievement's result descriptions. */
export const Result = Type.Object(
  {
    type: typeIncluding('Result'),
    achievedLevel: Type.Optional(Type.String({ format: 'uri', description: 'The id of the rubric criterion level achieved' })),
    alignment: Type.Optional(Type.Array(Alignment)),
    resultDescription: Type.Optional(Type.String({ format: 'uri', description: 'The id of the result description this result answers' })),
    status: Type.Optional(ResultStatusType),
    value: Type.Optional(Type.String({ description: "The result, e.g. 'A'" })),
  },
  { description: 'A result achieved' },
);
export type Result = Static<typeof Result>;
