/**
 * JSON paths as reports show them: $.credentialSubject.type[0], with bracket
 * notation for keys that are not plain names ($['@context'][0]).
 */

export type PathSegment = string | number;

const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function jsonPath(segments: readonly PathSegment[], base = '$'): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (plainName.test(segment)) path += `.${segment}`;
    else path += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return path;
}

/** The segments of a JSON Pointer (/credentialSubject/type/0), array indexes as numbers. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
