import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** What a cacheable response is made of: its bytes, its type and when its content last changed. */
export interface Cacheable {
  body: string | Uint8Array;
  contentType: string;
  /** Epoch ms of the newest change the body reflects (sent as Last-Modified, second precision). */
  lastModified?: number;
  /** e.g. `public, max-age=300`. */
  cacheControl: string;
}

/** A strong validator: the SHA-256 of the exact bytes, so equal tags always mean equal bodies. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** True when an If-None-Match header names the tag (or `*`). Weak forms compare too, as RFC 9110 asks for GET. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * Answers a GET with the body, or with 304 Not Modified when the client's copy is current.
 * If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); a malformed date is ignored.
 */
export function sendConditional(c: Context, r: Cacheable): Response {
  const etag = strongEtag(r.body);
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': r.cacheControl, 'Content-Type': r.contentType };
  const lastModSec = r.lastModified !== undefined ? Math.floor(r.lastModified / 1000) : undefined;
  if (lastModSec !== undefined) headers['Last-Modified'] = new Date(lastModSec * 1000).toUTCString();
  const inm = c.req.header('if-none-match');
  let fresh: boolean;
  if (inm !== undefined) fresh = etagMatches(inm, etag);
  else {
    const ims = Date.parse(c.req.header('if-modified-since') ?? '');
    fresh = lastModSec !== undefined && Number.isFinite(ims) && lastModSec * 1000 <= ims;
  }
  if (fresh) {
    const { 'Content-Type': _omit, ...notModified } = headers;
    return c.body(null, 304, notModified);
  }
  return c.body(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), 200, headers);
}
