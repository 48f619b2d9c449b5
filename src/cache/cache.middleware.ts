import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { bodyBytes, replaceResponse } from '../http/body.js';
import { clientIsCurrent, conditionalHeaders, etagFor, strongEtag } from '../http/conditional.js';
import { chooseEncoding } from '../http/encoding.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { PERSONAL_PATHS, READER_COOKIE_NAMES } from '../readers/reader-cookies.js';
import type { CachedReply } from './render-cache.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `cacheFor`: the surrogate keys of the response this route is building. */
    surrogateKeys: readonly string[];
  }
}

/**
 * The opt-in, one line in a GET route before it returns: names what the response contains, which makes it
 * cacheable in-process and at a CDN, with ETag/304, Cache-Control, Surrogate-Key and Cache-Tag headers.
 * Only 200 responses without Set-Cookie are kept, and never for requests that carry a cookie or credentials.
 *
 *     cacheFor(c, listingKeys('home', Boolean(cursor), rows.map((r) => r.id)));
 *     return c.json(body);
 */
export function cacheFor(c: Context, keys: readonly string[]): void {
  c.set('surrogateKeys', keys);
}

/** Paths that are never cached whatever a route says: the desk, a reader's account, live streams, the API's writes. */
export const NEVER_CACHED = new RegExp(`^\\/(?:desk|live)(?:[/?]|$)|\\/events(?:[/?]|$)|${PERSONAL_PATHS.source}`);
/** Longer URLs are served but not kept, so junk query strings cannot flood the cache with one-off pages. */
export const MAX_CACHED_URL = 400;
/** Longest a request waits for an invalidation in progress before it renders fresh instead. */
const IDLE_WAIT_MS = 2000;
/** Response headers a hit replays; per-request ones (request id, security headers) are added by other middleware. */
const REPLAYED = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'content-type',
  'cache-control',
  'surrogate-key',
  'cache-tag',
  'content-language',
  'link',
  'x-robots-tag',
  'last-modified',
  'content-security-policy',
];

/**
 * `Cache-Control` of a cacheable public response: browsers keep it `browserMaxAge` seconds (the configured
 * HTTP_MAX_AGE unless a route asks for more, as feeds do for polling readers), a CDN `s-maxage` (purged by key
 * sooner) and serves it stale while it revalidates.
 */
export function publicCacheControl(http: AppDeps['config']['http'], browserMaxAge = http.maxAge): string {
  return `public, max-age=${browserMaxAge}, s-maxage=${http.sMaxAge}, stale-while-revalidate=${http.staleWhileRevalidate}`;
}

/** A request that carries a cookie or credentials: its answer may be personal, so it is never shared or kept. */
export function isPersonal(c: Context): boolean {
  return personalHeaders(c.req.header('cookie'), c.req.header('authorization'));
}

/**
 * Whether these request headers may make the answer personal: credentials, or a cookie other than the reader's
 * (bs_reader, bs_reader_on). Reader pages are the same HTML for everyone whether signed in or not (the personal
 * state comes from /account/state.json), so a signed-in reader is served and fills the cache like anyone; a
 * route that reads the reader's session is never stored (see the middleware). The fast path asks here too.
 */
export function personalHeaders(cookie: string | undefined, authorization: string | undefined): boolean {
  if (authorization !== undefined) return true;
  if (cookie === undefined) return false;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (name && !READER_COOKIE_NAMES.includes(name)) return true;
  }
  return false;
}

/**
 * Whether this middleware will give the response its ETag, 304 and Cache-Control: an opted-in (keyed) answer to a
 * request that is not personal. Other layers that validate responses (the API's) leave those to it.
 */
export function validatedByCache(c: Context): boolean {
  return c.get('surrogateKeys') !== undefined && !isPersonal(c);
}

/**
 * Whether a request may be answered from (and stored in) the render cache: a GET or HEAD, not personal, a URL
 * short enough to keep and outside the never-cached paths. The middleware and the fast path both ask here.
 */
export function usesRenderCache(
  config: AppDeps['config'],
  method: string | undefined,
  url: string,
  personal: boolean,
): boolean {
  return (
    config.renderCache &&
    (method === 'GET' || method === 'HEAD') &&
    !personal &&
    url.length <= MAX_CACHED_URL &&
    !NEVER_CACHED.test(url)
  );
}

/** The headers of a cache hit as sent (but per-request ones: request id, security headers). */
export function hitHeaders(hit: CachedReply): [string, string][] {
  return [...hit.headers, ['X-Cache', 'HIT'], ['Content-Length', String(hit.body.length)]];
}

/** Headers a 304 leaves out: it has no body (RFC 9110 §15.4.5). */
export const NOT_MODIFIED_OMITS: readonly string[] = ['content-type', 'content-length', 'content-encoding'];

/** The path and query of a request, the cache's key for it. */
export function cacheUrl(url: string): string {
  const i = url.indexOf('/', url.indexOf('//') + 2);
  return i < 0 ? '/' : url.slice(i);
}

/**
 * Serves opted-in GET responses from the render cache and stores new ones. Misses render as usual and are
 * compressed and stored in the background; a hit costs a map lookup. `X-Cache: HIT|MISS|BYPASS|STALE` says which
 * (STALE: the database is away and this is the copy from before the last purge).
 */
export function renderCacheMiddleware(deps: Pick<AppDeps, 'cache' | 'config' | 'log'>): MiddlewareHandler {
  const { cache, config } = deps;
  const publicControl = publicCacheControl(config.http);
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const personal = isPersonal(c);
    const url = cacheUrl(c.req.url);
    let usable = usesRenderCache(config, method, url, personal);
    // A purge is being worked out: wait for it (milliseconds), but never hang a reader on a stuck database.
    if (usable && cache.busy)
      usable = await Promise.race([
        cache.idle().then(() => true),
        new Promise<boolean>((r) => setTimeout(r, IDLE_WAIT_MS, false).unref()),
      ]);
    if (usable) {
      const hit = cache.lookup(url, c.req.header('accept-encoding'));
      if (hit) {
        const headers = new Headers(hitHeaders(hit));
        if (clientIsCurrent(conditionalHeaders(c), hit.entry.etag, hit.entry.lastModified)) return notModified(headers);
        return new Response(method === 'HEAD' ? null : (hit.body as Uint8Array<ArrayBuffer>), {
          status: hit.status,
          headers,
        });
      }
    }
    const generation = cache.generation;
    await next();
    // The page could not be rendered because the database is away: the copy a purge dropped (if recent) is
    // better than a 503. Marked STALE and not to be kept by anyone else; the next render after recovery replaces it.
    if (usable && c.error && isDatabaseUnavailable(c.error)) {
      const stale = cache.lookupStale(url, c.req.header('accept-encoding'));
      if (stale) {
        const headers = new Headers(hitHeaders(stale));
        headers.set('X-Cache', 'STALE');
        headers.set('Cache-Control', 'no-store');
        replaceResponse(
          c,
          new Response(method === 'HEAD' ? null : (stale.body as Uint8Array<ArrayBuffer>), {
            status: stale.status,
            headers,
          }),
        );
        return;
      }
    }
    const keys = c.get('surrogateKeys');
    const res = c.res;
    // A route that looked at the reader's session made a personal answer, whatever it asked: never shared.
    if (c.get('readerAuth') !== undefined) {
      res.headers.set('Cache-Control', 'private, no-store');
      res.headers.delete('Surrogate-Key');
      res.headers.delete('Cache-Tag');
      return;
    }
    if (!keys || res.status !== 200 || res.headers.has('set-cookie') || NEVER_CACHED.test(c.req.path)) return;
    if (personal) {
      res.headers.set('Cache-Control', 'private, no-cache');
      res.headers.set('X-Cache', 'BYPASS');
      return;
    }
    const body = await bodyBytes(res);
    const headers = new Headers(res.headers);
    const own = headers.get('cache-control');
    if (own && /no-store|private/.test(own)) {
      replaceResponse(c, new Response(body, { status: res.status, headers }));
      return;
    }
    if (!own) headers.set('Cache-Control', publicControl);
    headers.set('Surrogate-Key', keys.join(' '));
    headers.set('Cache-Tag', keys.join(','));
    const replay: [string, string][] = [];
    headers.forEach((v, k) => {
      if (REPLAYED.includes(k)) replay.push([k, v]);
    });
    const etag = strongEtag(body);
    headers.set('ETag', etag);
    headers.set('Vary', 'Accept-Encoding');
    headers.set('X-Cache', usable ? 'MISS' : 'BYPASS');
    const stored =
      usable && cache.admit(url)
        ? cache.store(url, { status: 200, headers: replay, body, keys }, generation).catch((err) => {
            deps.log({ msg: 'render cache store failed', level: 'error', error: String(err) });
            return null;
          })
        : null;
    if (clientIsCurrent(conditionalHeaders(c), etag, headers.get('last-modified'))) {
      replaceResponse(c, notModified(headers));
      return;
    }
    // The first reader of a page gets it compressed too: the copy being stored is ready in about a millisecond,
    // compressed off the main thread. (One-off URLs are not stored, and go out as they are.)
    const enc = chooseEncoding(c.req.header('accept-encoding'));
    const entry = enc && stored ? await stored : null;
    if (enc && entry) {
      headers.set('Content-Encoding', enc);
      headers.set('ETag', etagFor(entry.etag, enc));
      const encoded = enc === 'br' ? entry.br : entry.gzip;
      replaceResponse(
        c,
        new Response(method === 'HEAD' ? null : (encoded as Uint8Array<ArrayBuffer>), { status: 200, headers }),
      );
      return;
    }
    replaceResponse(c, new Response(method === 'HEAD' ? null : body, { status: 200, headers }));
  };
}

function notModified(headers: Headers): Response {
  for (const h of NOT_MODIFIED_OMITS) headers.delete(h);
  return new Response(null, { status: 304, headers });
}
