/**
 * The shape of a JSON-LD document: everything its RDF form depends on except
 * the strings that merely pass through into it (names, descriptions, ids,
 * dates...). Credentials issued in a batch share one shape and differ only in
 * those strings, so their canonical form can be compiled once per shape (see
 * batch-templates.ts) and filled in per credential.
 *
 * The shape key holds: every key and array length; the whole of `@context`,
 * `type` / `@type` and every other keyword-valued subtree (they change how
 * everything else is read); numbers, booleans and nulls as written; for each
 * remaining string whether jsonld.js would read it as an absolute IRI and
 * with which scheme (a compact IRI's prefix may be a term); and which of those
 * strings are equal to one another (equal ids merge nodes, equal values
 * collapse, and the compiled form must have merged exactly the same ones).
 */

/** jsonld.js's own test for an absolute IRI (scheme characters as it reads them, blank node ids included). */
export const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;

export interface DocumentShape {
  key: string;
  /** The strings that may vary (the leaves), in document order. */
  leaves: string[];
  /** For each leaf, the index of the first leaf holding the same string: its group. */
  groupOf: number[];
}

/** Keys whose whole value is part of the shape: contexts, types and every keyword but @id and @value. */
function isFixedKey(key: string): boolean {
  return key === 'type' || (key.charCodeAt(0) === 64 /* @ */ && key !== '@id' && key !== '@value');
}

/** A string that is never a leaf: blank node ids and keyword-like values shape the graph themselves. */
function isStructuralString(value: string): boolean {
  return value.startsWith('_:') || value.startsWith('@');
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

class ShapeWriter {
  readonly parts: string[] = [];
  readonly leaves: string[] = [];
  plainJson = true;

  write(value: unknown, fixed: boolean): void {
    switch (typeof value) {
      case 'string':
        if (fixed || isStructuralString(value)) {
          this.parts.push(JSON.stringify(value));
        } else {
          const scheme = ABSOLUTE_IRI.exec(value)?.[1];
          this.parts.push(scheme === undefined ? 's' : `i${scheme}:`);
          this.leaves.push(value);
        }
        return;
      case 'number':
        if (!Number.isFinite(value)) this.plainJson = false;
        this.parts.push(`n${value}`);
        return;
      case 'boolean':
        this.parts.push(value ? 'T' : 'F');
        return;
      case 'object':
        if (value === null) {
          this.parts.push('N');
        } else if (Array.isArray(value)) {
          this.parts.push('[');
          for (const item of value) {
            this.write(item, fixed);
            this.parts.push(',');
          }
          this.parts.push(']');
        } else if (isPlainObject(value)) {
          this.parts.push('{');
          for (const key of Object.keys(value)) {
            // A copy could not hold this key as an own property (it would set the prototype).
            if (key === '__proto__') this.plainJson = false;
            this.parts.push(JSON.stringify(key), ':');
            this.write(value[key], fixed || isFixedKey(key));
            this.parts.push(',');
          }
          this.parts.push('}');
        } else {
          this.plainJson = false;
        }
        return;
      default:
        // undefined, functions, bigints: not JSON, so not a shape the fast path takes.
        this.plainJson = false;
    }
  }
}

/** The shape of a document, or undefined when it holds anything but plain JSON. */
export function shapeOf(document: unknown): DocumentShape | undefined {
  const writer = new ShapeWriter();
  writer.write(document, false);
  if (!writer.plainJson) return undefined;
  const { leaves } = writer;
  const firstOf = new Map<string, number>();
  const groupOf = leaves.map((leaf, index) => {
    const first = firstOf.get(leaf);
    if (first !== undefined) return first;
    firstOf.set(leaf, index);
    return index;
  });
  return { key: `${writer.parts.join('')}|${groupOf.join(',')}`, leaves, groupOf };
}

/**
 * A copy of the document with each leaf replaced (in the order shapeOf lists
 * them); fixed subtrees are shared, not copied.
 */
export function replaceLeaves(document: unknown, replace: (leaf: number, value: string) => string): unknown {
  let next = 0;
  const copy = (value: unknown, fixed: boolean): unknown => {
    if (typeof value === 'string') {
      if (fixed || isStructuralString(value)) return value;
      const leaf = next;
      next += 1;
      return replace(leaf, value);
    }
    if (typeof value !== 'object' || value === null || fixed) return value;
    if (Array.isArray(value)) return value.map((item) => copy(item, fixed));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copy(item, isFixedKey(key));
    return out;
  };
  return copy(document, false);
}
