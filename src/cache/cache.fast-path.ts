import {
  type IncomingMessage,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
  createServer,
} from 'node:http';
import type { AppDeps } from '../app.deps.js';
import { clientIsCurrent } from '../http/conditional.js';
import { logRequest, requestId } from '../http/request-log.js';
import { securityHeadersFor } from '../http/security.js';
import { NOT_MODIFIED_OMITS, hitHeaders, personalHeaders, usesRenderCache } from './cache.middleware.js';
import type { CachedEntry, CachedReply } from './render-cache.js';

/**
 * Answers render-cache hits straight on the Node request, before the web-standard Request/Response layer
 * is built: a hit then costs about what a bare node:http server costs. Anything else (a miss, a cookie,
 * a purge being worked out) returns false and goes through the app as usual, which gives the same answer.
 *
 * It runs none of the app's middleware, so it calls the same functions they do and nothing of its own: the
 * request id and log line (http/request-log.ts), the security headers (http/security.ts), whether a request
 * uses the cache and what a hit or a 304 sends (cache.middleware.ts). The two paths cannot drift apart.
 */
export function cacheFastPath(
  deps: Pick<AppDeps, 'cache' | 'config' | 'log'>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, config } = deps;
  // The headers of each cached response in each encoding, flattened once: a hit then only adds its request id.
  const prepared = new WeakMap<CachedEntry, Map<string, { ok: string[]; notModified: string[] }>>();
  const headersFor = (hit: CachedReply) => {
    let byEncoding = prepared.get(hit.entry);
    if (!byEncoding) {
      byEncoding = new Map();
      prepared.set(hit.entry, byEncoding);
    }
    const key = hit.headers.find(([k]) => k === 'Content-Encoding')?.[1] ?? 'identity';
    let flat = byEncoding.get(key);
    if (!flat) {
      const all = [
        ...hitHeaders(hit),
        ...securityHeadersFor(
          config,
          hit.headers.some(([k]) => k.toLowerCase() === 'content-security-policy'),
        ),
      ];
      const notModified = all.filter(([k]) => !NOT_MODIFIED_OMITS.includes(k.toLowerCase()));
      flat = { ok: all.flat(), notModified: notModified.flat() };
      byEncoding.set(key, flat);
    }
    return flat;
  };
  return (req, res) => {
    const url = req.url;
    const h = req.headers;
    if (
      !url ||
      !usesRenderCache(config, req.method, url, personalHeaders(h.cookie, h.authorization)) ||
      cache.busy ||
      !cache.has(url)
    )
      return false;
    const started = config.logRequests ? performance.now() : 0;
    const hit = cache.lookup(url, h['accept-encoding']);
    if (!hit) return false;
    const id = requestId(h['x-request-id']);
    const flat = headersFor(hit);
    const notModified = clientIsCurrent(
      { ifNoneMatch: h['if-none-match'], ifModifiedSince: h['if-modified-since'] },
      hit.entry.etag,
      hit.entry.lastModified,
    );
    if (notModified) {
      res.writeHead(304, flat.notModified.concat('X-Request-Id', id));
      res.end();
    } else {
      res.writeHead(hit.status, flat.ok.concat('X-Request-Id', id));
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    }
    // Checked here too so a hit that is not logged builds no log record (this path exists for speed).
    if (config.logRequests)
      logRequest(deps, {
        method: req.method!,
        path: url.split('?')[0]!,
        status: notModified ? 304 : hit.status,
        started,
        id,
        cache: 'HIT',
      });
    return true;
  };
}

/** A `createServer` for @hono/node-server's `serve` that answers cache hits before the app sees them. */
export function serverWithCacheFastPath(deps: Pick<AppDeps, 'cache' | 'config' | 'log'>): typeof createServer {
  const fast = cacheFastPath(deps);
  return ((options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req, res) => {
      if (!fast(req, res)) listener(req, res);
    })) as typeof createServer;
}
