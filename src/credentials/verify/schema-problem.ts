import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { jsonPath, pointerSegments, valueAt, type PathSegment } from './json-path.js';

/**
 * Validates a value against a model schema and explains the first problem in
 * words a person can act on, with its JSON path. Validators report every branch
 * of a union that failed; the explanation follows the branch the value was
 * evidently meant for (the one whose basic type it has), and falls back to the
 * union's own description ("'Profile', or a list of types that includes it").
 */

export interface SchemaProblem {
  path: string;
  reason: string;
}

interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

type Validator = ReturnType<typeof Compile>;
const validators = new WeakMap<TSchema, Validator>();

function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

/** The first problem of `value` against `schema`, or undefined when it conforms. `base` prefixes paths. */
export function firstSchemaProblem(schema: TSchema, value: unknown, base = '$'): SchemaProblem | undefined {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return undefined;
  const errors = validator.Errors(value) as unknown as SchemaError[];
  if (errors.length === 0) return { path: base, reason: `${base} does not conform to the data model` };
  return explain(choose(errors, schema), schema, value, base);
}

type Choice = { error: SchemaError } | { union: { schemaPath: string; instance: PathSegment[] } };

/** The schema path of the outermost union on `schemaPath` below `scope`, if any. */
function outermostUnion(schemaPath: string, scope: string): string | undefined {
  const index = schemaPath.indexOf('/anyOf/', scope.length);
  return index < 0 ? undefined : schemaPath.slice(0, index);
}

/** How many instance steps a schema path takes (properties/x, items, items/n, prefixItems/n, additionalItems, contains each take one). */
function instanceDepth(schemaPath: string): number {
  const segments = schemaPath.replace(/^#\/?/, '').split('/');
  let depth = 0;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment === 'properties' || segment === 'prefixItems' || segment === 'patternProperties') {
      depth++;
      index++;
    } else if (segment === 'items' || segment === 'additionalItems' || segment === 'additionalProperties' || segment === 'contains') {
      depth++;
      // A tuple's items are listed by position: items/0 is one step, not two.
      if (segment === 'items' && /^[0-9]+$/.test(segments[index + 1] ?? '')) index++;
    } else if (segment === 'anyOf' || segment === 'allOf' || segment === 'oneOf') {
      index++;
    }
  }
  return depth;
}

function startsWithSegments(path: PathSegment[], prefix: PathSegment[]): boolean {
  return prefix.every((segment, index) => path[index] === segment);
}

/**
 * The error to explain. Inside a union, the branches whose basic type the value
 * has are the ones it was meant for: with exactly one, its first error is
 * explained; otherwise the union as a whole is.
 */
function choose(errors: SchemaError[], root: TSchema, scope = '#'): Choice {
  const first = errors.find((error) => error.keyword !== 'anyOf') ?? errors[0];
  if (first === undefined) throw new Error('no schema errors to choose from');
  const union = outermostUnion(first.schemaPath, scope);
  if (union === undefined) return { error: first };
  const instance = pointerSegments(first.instancePath).slice(0, instanceDepth(union));
  const node = schemaAt(root, union);
  const branches = Array.isArray(node?.anyOf) ? node.anyOf.length : 0;
  const fitting: Array<{ branch: number; errors: SchemaError[] }> = [];
  for (let branch = 0; branch < branches; branch++) {
    const prefix = `${union}/anyOf/${branch}`;
    const branchErrors = errors.filter(
      (error) =>
        error.keyword !== 'anyOf' &&
        (error.schemaPath === prefix || error.schemaPath.startsWith(`${prefix}/`)) &&
        startsWithSegments(pointerSegments(error.instancePath), instance),
    );
    const wrongShape = branchErrors.some((error) => error.keyword === 'type' && pointerSegments(error.instancePath).length === instance.length);
    if (branchErrors.length > 0 && !wrongShape) fitting.push({ branch, errors: branchErrors });
  }
  const only = fitting.length === 1 ? fitting[0] : undefined;
  if (only === undefined) return { union: { schemaPath: union, instance } };
  return choose(only.errors, root, `${union}/anyOf/${only.branch}`);
}

type SchemaNode = Record<string, unknown> & { anyOf?: unknown[] };

function schemaAt(root: TSchema, schemaPath: string): SchemaNode | undefined {
  const segments = pointerSegments(schemaPath.replace(/^#/, ''));
  const node = valueAt(root, segments);
  return node !== null && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

function explain(choice: Choice, root: TSchema, value: unknown, base: string): SchemaProblem {
  if ('union' in choice) {
    const { schemaPath, instance } = choice.union;
    return problem(base, instance, expectationOfUnion(schemaAt(root, schemaPath)), valueAt(value, instance));
  }
  const error = choice.error;
  const segments = pointerSegments(error.instancePath);
  if (error.keyword === 'required') {
    const missing = (error.params.requiredProperties as unknown[] | undefined)?.[0];
    const propertySegments: PathSegment[] = typeof missing === 'string' ? [...segments, missing] : segments;
    return { path: jsonPath(propertySegments, base), reason: `${jsonPath(propertySegments, base)} is required` };
  }
  const node = schemaAt(root, error.schemaPath);
  return problem(base, segments, expectation(error, node), valueAt(value, segments));
}

function problem(base: string, segments: PathSegment[], expected: string, found: unknown): SchemaProblem {
  const path = jsonPath(segments, base);
  return { path, reason: `${path} ${expected}${describeFound(found)}` };
}

function expectationOfUnion(node: SchemaNode | undefined): string {
  const alternatives = Array.isArray(node?.anyOf) ? (node.anyOf as SchemaNode[]) : [];
  const requiredSets = alternatives.map((alternative) => alternative.required);
  if (requiredSets.length > 0 && requiredSets.every((names) => Array.isArray(names))) {
    const names = requiredSets.flatMap((set) => set as unknown[]).join(' or ');
    return `must have ${names}`;
  }
  if (typeof node?.description === 'string') return `must be ${node.description}`;
  return 'matches none of the allowed forms';
}

const formatNames: Record<string, string> = {
  uri: 'a URI',
  'date-time': 'a date and time with a time zone (RFC 3339, e.g. 2024-01-31T09:00:00Z)',
  date: 'a date (YYYY-MM-DD)',
  email: 'an email address',
};

function quoted(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function expectation(error: SchemaError, node: SchemaNode | undefined): string {
  const description = typeof node?.description === 'string' ? node.description : undefined;
  switch (error.keyword) {
    case 'type': {
      const type = String(error.params.type);
      return `must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
    }
    case 'const':
      return `must be ${quoted(error.params.allowedValue)}`;
    case 'format': {
      const format = String(error.params.format);
      return `must be ${formatNames[format] ?? `in the ${format} format`}`;
    }
    case 'pattern':
      return description === undefined ? `must match ${String(error.params.pattern)}` : `must be ${description}`;
    case 'contains': {
      const contains = node?.contains as SchemaNode | undefined;
      if (contains !== undefined && 'const' in contains) return `must include ${quoted(contains.const)}`;
      if (Array.isArray(contains?.enum)) return `must include ${contains.enum.map(quoted).join(' or ')}`;
      if (description !== undefined) return `must include ${description}`;
      if (typeof contains?.pattern === 'string') return `must include a value matching ${contains.pattern}`;
      return 'lacks a required item';
    }
    case 'minItems': {
      const limit = Number(error.params.limit);
      return `must have at least ${limit} item${limit === 1 ? '' : 's'}`;
    }
    case 'minimum':
      return `must be at least ${String(error.params.limit)}`;
    default:
      return description === undefined ? error.message : `must be ${description}`;
  }
}

/** A short rendering of the offending value, for the reason. */
function describeFound(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  if (text === undefined) return '';
  return ` (found ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}
