import type { MiddlewareHandler } from 'hono';

/**
 * Headers that make injected markup inert even if some slipped through: a strict Content-Security-Policy
 * (no inline script, no third-party origins), no MIME sniffing, no framing by others.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The headers every response carries (the render cache's fast path sends the same ones). */
export const SECURITY_HEADERS: readonly [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'SAMEORIGIN'],
];

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Set on the finished response's own headers, as hono's secureHeaders does: c.header() after the response
    // exists rebuilds it around its body as a stream, which made every page go out through a stream copy.
    const headers = c.res.headers;
    // A response the route wrote to the socket itself (the live stream) has nothing left to add to.
    if (headers.has('x-hono-already-sent')) return;
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
  };
}
