import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { isRepresentable } from '../lib/iso-date.js';
import type { ContentCoding } from './encoding.js';

/** What a cacheable response is made of: its bytes, its type and when its content last changed. */
export interface Cacheable {
  body: string | Uint8Array;
  contentType: string;
  /** Epoch ms of the newest change the body reflects (sent as Last-Modified, second precision). */
  lastModified?: number;
  /** e.g. `public, max-age=300`. */
  cacheControl: string;
  /** The server's time (epoch ms, default Date.now()): Last-Modified is never later (RFC 9110 §8.8.2.1). */
  now?: number;
}

/**
 * A strong validator: a hash of the exact (uncompressed) bytes, quoted, so equal tags mean equal bodies.
 * The one ETag of the app: routes, the API and the render cache all make it here, so a tag handed out by
 * a route is still recognised when the same bytes later come from the cache, and the other way round.
 */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** The ETag of one encoding of a body: a strong validator names exact bytes, so each encoding gets its own suffix. */
export function etagFor(etag: string, enc: ContentCoding | null): string {
  return enc ? `${etag.slice(0, -1)}-${enc === 'br' ? 'br' : 'gz'}"` : etag;
}

/**
 * True when an If-None-Match header names the body's tag in any of its encodings (all carry the same content),
 * or `*`. Weak forms compare too, as RFC 9110 asks for GET.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const base = etag.replace(/^W\//, '').slice(1, -1);
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return v === base || v === `${base}-br` || v === `${base}-gz`;
  });
}

/**
 * Whether the client's copy is current: If-None-Match decides when present (RFC 9110 §13.2.2); otherwise
 * If-Modified-Since against the Last-Modified header sent (an HTTP date, or none). A malformed date never matches.
 */
export function clientIsCurrent(
  req: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined },
  etag: string,
  lastModified: string | null | undefined,
): boolean {
  if (req.ifNoneMatch !== undefined) return etagMatches(req.ifNoneMatch, etag);
  if (!lastModified || !req.ifModifiedSince) return false;
  const since = Date.parse(req.ifModifiedSince);
  const modified = Date.parse(lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** The conditional headers of a request, as `clientIsCurrent` reads them. */
export const conditionalHeaders = (c: Context) => ({
  ifNoneMatch: c.req.header('if-none-match'),
  ifModifiedSince: c.req.header('if-modified-since'),
});

/** Answers a GET with the body, or with 304 Not Modified when the client's copy is current. */
export function sendConditional(c: Context, r: Cacheable): Response {
  const etag = strongEtag(r.body);
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': r.cacheControl,
    'Content-Type': r.contentType,
  };
  // A story stamped in the future (clock skew, imports) must not make Last-Modified later than Date.
  const lastModSec =
    r.lastModified !== undefined ? Math.floor(Math.min(r.lastModified, r.now ?? Date.now()) / 1000) : undefined;
  if (lastModSec !== undefined && isRepresentable(lastModSec * 1000))
    headers['Last-Modified'] = new Date(lastModSec * 1000).toUTCString();
  if (clientIsCurrent(conditionalHeaders(c), etag, headers['Last-Modified'])) {
    const { 'Content-Type': _omit, ...notModified } = headers;
    return c.body(null, 304, notModified);
  }
  return c.body(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), 200, headers);
}
