import { Type, type TSchema } from 'typebox';

/**
 * Building blocks shared by the Open Badges 3.0 and CLR 2.0 schemas. Union
 * schemas carry a `description` phrased as the expectation ("'Profile', or a
 * list of types that includes it"), so that a verifier can quote it when a value
 * matches none of the branches.
 */

/** Any absolute URI: https URLs, DIDs, urn:uuid identifiers, data URIs. */
export const Uri = Type.String({ format: 'uri' });

/** A date and time with a time zone (RFC 3339), e.g. 2024-05-01T12:00:00Z. */
export const DateTime = Type.String({ format: 'date-time' });

/** A calendar date, e.g. 1990-04-21. */
export const DateOnly = Type.String({ format: 'date' });

/** Text in which Markdown is allowed. */
export const Markdown = Type.String();

/** A compact JWS (header.payload.signature), as used by VC-JWT. */
export const CompactJws = Type.String({ pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$' });

/**
 * A JSON-LD `type` that must include `name`: the spec lets a single type be
 * written as a string and several as an array (IRI 1..*, array-compacted).
 */
export function typeIncluding(name: string) {
  return Type.Union(
    [Type.Literal(name), Type.Array(Type.String(), { minItems: 1, contains: { const: name } })],
    { description: `'${name}', or a list of types that includes it` },
  );
}

/** A JSON-LD `type` with exactly one value (IRI 1). */
export function typeExactly(name: string) {
  return Type.Literal(name, { description: `'${name}'` });
}

/** A value the spec allows as one item or an array of items. */
export function oneOrMany<T extends TSchema>(item: T, description: string) {
  return Type.Union([item, Type.Array(item)], { description });
}

/**
 * An extensible enumeration: one of the spec's terms, or an extension term
 * prefixed `ext:` as the spec's naming convention requires.
 */
export function extensibleEnum<const V extends readonly string[]>(terms: V, what: string) {
  return Type.Unsafe<V[number] | `ext:${string}`>(Type.Union(
    [...terms.map((term) => Type.Literal(term)), Type.String({ pattern: '^ext:[A-Za-z0-9._-]+$' })],
    { description: `one of ${terms.join(', ')}, or an extension term starting with 'ext:' (${what})` },
  ));
}

/** A closed enumeration. */
export function closedEnum<const V extends readonly string[]>(terms: V, what: string) {
  // Unsafe keeps the schema as built and states its type: the union of the terms (a mapped array would type as never).
  return Type.Unsafe<V[number]>(Type.Union(terms.map((term) => Type.Literal(term)), { description: `one of ${terms.join(', ')} (${what})` }));
}

/** One entry of `@context`: a context URL or an inline context object. */
export const ContextEntry = Type.Union([Uri, Type.Object({})], { description: 'a context URL or an inline context object' });

/**
 * A `type` array that includes every one of `required`, and at least one of
 * `anyOf` when given, e.g. VerifiableCredential plus OpenBadgeCredential or
 * AchievementCredential.
 */
export function typesIncluding(required: readonly string[], anyOf: readonly string[] = []) {
  const conditions: object[] = required.map((name) => ({ contains: { const: name } }));
  if (anyOf.length > 0) conditions.push({ contains: { enum: [...anyOf] } });
  const alternatives = anyOf.length > 0 ? ` and ${anyOf.map((name) => `'${name}'`).join(' or ')}` : '';
  return Type.Array(Type.String(), {
    minItems: 1,
    allOf: conditions,
    description: `a list of types including ${required.map((name) => `'${name}'`).join(' and ')}${alternatives}`,
  });
}
