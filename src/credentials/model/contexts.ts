/**
 * The JSON-LD context URLs that identify which data model a credential claims.
 */

/** W3C Verifiable Credentials Data Model 2.0. */
export const vcV2Context = 'https://www.w3.org/ns/credentials/v2';
/** W3C Verifiable Credentials Data Model 1.1. */
export const vcV1Context = 'https://www.w3.org/2018/credentials/v1';

/** The Open Badges 3.0 context openler issues with (the VC 2.0 edition). */
export const obV3Context = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The CLR 2.0 context openler issues with (the VC 2.0 edition). */
export const clrV2Context = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
/** The Open Badges 2.0 context. */
export const obV2Context = 'https://w3id.org/openbadges/v2';

export type VcVersion = 'v1' | 'v2';

/** Which VC data model a first `@context` entry names, if any. */
export function vcVersionOf(firstContext: unknown): VcVersion | undefined {
  if (firstContext === vcV2Context) return 'v2';
  if (firstContext === vcV1Context) return 'v1';
  return undefined;
}

// Every published edition, and the draft locations that early issuers used.
const obV3ContextPattern =
  /^https:\/\/(purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json|imsglobal\.github\.io\/openbadges-specification\/context\.json)$/;
const clrV2ContextPattern =
  /^https:\/\/(purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json|dc\.imsglobal\.org\/draft\/clr\/v2p0\/context(\.json)?)$/;

/** Whether a context URL is an edition of the Open Badges 3.0 context. */
export function isObV3Context(url: unknown): boolean {
  return typeof url === 'string' && obV3ContextPattern.test(url);
}

/** Whether a context URL is an edition of the CLR 2.0 context. */
export function isClrV2Context(url: unknown): boolean {
  return typeof url === 'string' && clrV2ContextPattern.test(url);
}

/** The source patterns, for schemas that check a context entry. */
export const obV3ContextPatternSource = obV3ContextPattern.source;
export const clrV2ContextPatternSource = clrV2ContextPattern.source;
