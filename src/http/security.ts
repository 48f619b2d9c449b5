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

/** The headers every response carries, but the policy (a response may bring its own). */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'SAMEORIGIN'],
];
const WITH_POLICY: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ...SECURITY_HEADERS,
];

/**
 * The one definition of what security headers a response gets: the default Content-Security-Policy unless it
 * set its own (`ownPolicy`), and the rest always. The middleware below and the render cache's fast path
 * (cache/cache.fast-path.ts, which answers hits before the app runs) both send exactly these.
 */
export function securityHeadersFor(ownPolicy: boolean): readonly (readonly [string, string])[] {
  return ownPolicy ? SECURITY_HEADERS : WITH_POLICY;
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Set on the finished response's own headers, as hono's secureHeaders does: c.header() after the response
    // exists rebuilds it around its body as a stream, which made every page go out through a stream copy.
    const headers = c.res.headers;
    // A response the route wrote to the socket itself (the live stream) has nothing left to add to.
    if (headers.has('x-hono-already-sent')) return;
    for (const [name, value] of securityHeadersFor(headers.has('Content-Security-Policy'))) headers.set(name, value);
  };
}
