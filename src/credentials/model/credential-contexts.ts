import { Type } from 'typebox';
import { clrV2ContextPatternSource, obV3ContextPatternSource, vcV1Context, vcV2Context, type VcVersion } from './contexts.js';
import { ContextEntry } from './primitives.js';

/**
 * `@context` lists of the Open Badges and CLR credentials: the VC context
 * first, the Open Badges (or CLR) context second, then anything else. The
 * schemas require each context's presence; the verifier checks the order (see
 * VcV2ContextList for why).
 */

function vcContextOf(version: VcVersion): string {
  return version === 'v2' ? vcV2Context : vcV1Context;
}

/** An Open Badges 3.0 credential's contexts, for the given VC edition. */
export function openBadgesContextList(version: VcVersion) {
  return Type.Array(ContextEntry, {
    minItems: 2,
    allOf: [{ contains: { const: vcContextOf(version) } }, { contains: { type: 'string', pattern: obV3ContextPatternSource }, description: 'an Open Badges 3.0 context URL' }],
    description: `a list of contexts: ${vcContextOf(version)} first, an Open Badges 3.0 context second`,
  });
}

/** A CLR 2.0 credential's contexts, for the given VC edition; the Open Badges context comes later in the list. */
export function clrContextList(version: VcVersion) {
  return Type.Array(ContextEntry, {
    minItems: 3,
    allOf: [
      { contains: { const: vcContextOf(version) } },
      { contains: { type: 'string', pattern: clrV2ContextPatternSource }, description: 'a CLR 2.0 context URL' },
      { contains: { type: 'string', pattern: obV3ContextPatternSource }, description: 'an Open Badges 3.0 context URL' },
    ],
    description: `a list of contexts: ${vcContextOf(version)} first, a CLR 2.0 context second, and an Open Badges 3.0 context`,
  });
}
