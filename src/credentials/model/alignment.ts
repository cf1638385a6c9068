import { Type, type Static } from 'typebox';
import { extensibleEnum, typeIncluding } from './primitives.js';

/** What kind of framework node an alignment points at. */
export const alignmentTargetTypes = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

export const AlignmentTargetType = extensibleEnum(alignmentTargetTypes, 'the alignment target type');
export type AlignmentTargetType = Static<typeof AlignmentTargetType>;

/**
 * A link from an achievement (or a result) to a node of an external framework:
 * in openler, a skill of a skills library (targetCode is the skill ID,
 * targetUrl its public page, targetFramework the library and version).
 */
export const Alignment = Type.Object(
  {
    type: typeIncluding('Alignment'),
    targetName: Type.String({ description: 'The name of the target, e.g. the skill name' }),
    targetUrl: Type.String({ format: 'uri', description: 'The public URL describing the target' }),
    targetDescription: Type.Optional(Type.String()),
    targetCode: Type.Optional(Type.String({ description: 'The identifier of the target within its framework' })),
    targetFramework: Type.Optional(Type.String({ description: 'The name of the framework the target belongs to' })),
    targetType: Type.Optional(AlignmentTargetType),
  },
  { description: 'An alignment to a node of an external framework' },
);
export type Alignment = Static<typeof Alignment>;
