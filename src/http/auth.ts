import type { FastifyRequest } from 'fastify';
import type { Principal } from '../orgs/model.js';
import type { OrganizationService } from '../orgs/service.js';
import type { Viewer } from '../skills/catalog.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The key a request presents, from `Authorization: Bearer olk_...` or `X-API-Key`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+/i.test(header)) return header.replace(/^bearer\s+/i, '');
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey : undefined;
}

/** Resolves the request's principal; a request without a key is anonymous, one with a bad key is refused. */
export async function authenticate(request: FastifyRequest, orgs: OrganizationService): Promise<void> {
  const key = presentedKey(request);
  request.principal = key === undefined ? null : await orgs.authenticate(key);
}

export function viewerOf(request: FastifyRequest): Viewer {
  return request.principal ? { orgId: request.principal.orgId } : null;
}
