import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';

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

/**
 * Tells browsers to use https only for a year, subdomains included. Sent only when readers reach the site over
 * https (PUBLIC_URL) and in production: over http a browser ignores it, and on a laptop or a staging name it would
 * pin that host to https long after the test is over.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

type HeaderList = readonly (readonly [string, string])[];
const POLICY: HeaderList = [['Content-Security-Policy', CONTENT_SECURITY_POLICY]];
const HSTS: HeaderList = [['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY]];
// The four lists a response can get, built once: a hit on the fast path only picks one.
const LISTS: Record<'plain' | 'hsts', Record<'own' | 'default', HeaderList>> = {
  plain: { own: SECURITY_HEADERS, default: [...POLICY, ...SECURITY_HEADERS] },
  hsts: { own: [...SECURITY_HEADERS, ...HSTS], default: [...POLICY, ...SECURITY_HEADERS, ...HSTS] },
};

/** Whether this deployment sends Strict-Transport-Security: PUBLIC_URL is https and NODE_ENV is production. */
const sendsHsts = (config: Pick<Config, 'publicUrl' | 'production'>) =>
  config.production && /^https:\/\//i.test(config.publicUrl);

/**
 * The one definition of what security headers a response gets: the default Content-Security-Policy unless it
 * set its own (`ownPolicy`), Strict-Transport-Security when the deployment serves https in production, and the
 * rest always. The middleware below and the render cache's fast path (cache/cache.fast-path.ts, which answers
 * hits and their 304s before the app runs) both send exactly these.
 */
export function securityHeadersFor(config: Pick<Config, 'publicUrl' | 'production'>, ownPolicy: boolean): HeaderList {
  return LISTS[sendsHsts(config) ? 'hsts' : 'plain'][ownPolicy ? 'own' : 'default'];
}

/** Adds securityHeadersFor's headers to every response the app makes. */
export function securityHeaders(config: Pick<Config, 'publicUrl' | 'production'>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Set on the finished response's own headers, as hono's secureHeaders does: c.header() after the response
    // exists rebuilds it around its body as a stream, which made every page go out through a stream copy.
    const headers = c.res.headers;
    // A response the route wrote to the socket itself (the live stream) has nothing left to add to.
    if (headers.has('x-hono-already-sent')) return;
    // A page may ask for a stricter Referrer-Policy (an emailed link's page: `no-referrer`, so its token goes nowhere).
    const ownReferrer = headers.has('Referrer-Policy');
    for (const [name, value] of securityHeadersFor(config, headers.has('Content-Security-Policy')))
      if (!(ownReferrer && name === 'Referrer-Policy')) headers.set(name, value);
  };
}
