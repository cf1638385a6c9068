import type { FastifyInstance } from 'fastify';

/**
 * The JSON-LD media types credentials and presentations travel under (what
 * openler's claim links deliver, what wallets and verifiers send). Their
 * bodies are JSON, and the routes that take a credential or a presentation
 * read them exactly as application/json.
 */
export const credentialJsonLdTypes = ['application/vc+ld+json', 'application/ld+json'] as const;
export const presentationJsonLdTypes = ['application/vp+ld+json'] as const;

/**
 * Reads the given JSON-LD media types as JSON in this scope, with Fastify's
 * own JSON parser (same prototype-poisoning guards, same errors for broken
 * JSON). Register it in the encapsulated scope of the routes that accept
 * them: a parser cannot be added twice along one chain of scopes.
 */
export function readJsonLdAsJson(scope: FastifyInstance, types: readonly string[], options: { bodyLimit?: number } = {}): void {
  scope.addContentTypeParser([...types], { parseAs: 'string', ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) }, scope.getDefaultJsonParser('error', 'error'));
}
