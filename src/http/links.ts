import type { FastifyRequest } from 'fastify';

/** This server's public base URL: OPENLER_PUBLIC_URL, or what the request was addressed to. */
export function baseUrlOf(request: FastifyRequest): string {
  const configured = process.env.OPENLER_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** An RFC 8288 Link header with first, prev, next and last pages, or undefined for a single page. */
export function paginationLinks(request: FastifyRequest, total: number, limit: number, offset: number): string | undefined {
  if (total <= limit && offset === 0) return undefined;
  const url = new URL(request.url, 'http://placeholder');
  const page = (pageOffset: number, rel: string) => {
    url.searchParams.set('offset', String(pageOffset));
    url.searchParams.set('limit', String(limit));
    return `<${url.pathname}?${url.searchParams.toString()}>; rel="${rel}"`;
  };
  const lastOffset = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const links = [page(0, 'first')];
  if (offset > 0) links.push(page(Math.max(0, offset - limit), 'prev'));
  if (offset + limit < total) links.push(page(offset + limit, 'next'));
  links.push(page(lastOffset, 'last'));
  return links.join(', ');
}
