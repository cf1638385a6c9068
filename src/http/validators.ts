import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Request validation with one rule per part of the request. A query string,
 * path parameters and headers arrive as text, so "limit=5" is coerced to the
 * number its schema asks for. A JSON body says its own types: `"text": 123`
 * is refused, not quietly turned into "123".
 */
const shared: Options = { useDefaults: true, removeAdditional: false, allErrors: false };

function withFormats(options: Options): Ajv {
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

const textParts = withFormats({ ...shared, coerceTypes: 'array' });
const jsonBody = withFormats({ ...shared, coerceTypes: false });

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? jsonBody : textParts).compile(schema as object);
