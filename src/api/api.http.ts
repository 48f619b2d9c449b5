import type { MiddlewareHandler } from 'hono';
import { validatedByCache } from '../cache/cache.middleware.js';
import { etagMatches, strongEtag } from '../http/conditional.js';

/** Max-age of API answers: short, since a client revalidates cheaply with the ETag. */
export const API_CACHE_CONTROL = 'public, max-age=60';

/**
 * Strong ETags for successful GETs the render cache middleware does not validate (unkeyed lists, requests with
 * credentials): a hash of the exact bytes sent, so equal ETags mean equal bodies. A matching If-None-Match gets a
 * 304 with no body.
 */
export function etags(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.res.status !== 200) return;
    // Opted-in answers get the same validator from the render cache middleware: hashing (and reading the body
    // back) here too would be the same work twice on every miss.
    if (validatedByCache(c)) return;
    const bytes = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = strongEtag(bytes);
    c.res.headers.set('ETag', etag);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', API_CACHE_CONTROL);
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      const headers = new Headers(c.res.headers);
      headers.delete('Content-Length');
      headers.delete('Content-Type');
      c.res = new Response(null, { status: 304, headers });
    }
  };
}
