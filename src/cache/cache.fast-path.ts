import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse, createServer } from 'node:http';
import type { AppDeps } from '../app.deps.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../http/security.js';
import { MAX_CACHED_URL, NEVER_CACHED } from './cache.middleware.js';
import { clientIsCurrent } from '../http/conditional.js';
import type { CachedEntry, CachedReply } from './render-cache.js';

/**
 * Answers render-cache hits straight on the Node request, before the web-standard Request/Response layer
 * is built: a hit then costs about what a bare node:http server costs. Anything else (a miss, a cookie,
 * a purge being worked out) returns false and goes through the app as usual, which gives the same answer.
 */
export function cacheFastPath(deps: Pick<AppDeps, 'cache' | 'config' | 'log'>): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, config } = deps;
  // The headers of each cached response in each encoding, flattened once: a hit then only adds its request id.
  const prepared = new WeakMap<CachedEntry, Map<string, string[]>>();
  const headersFor = (hit: CachedReply): string[] => {
    let byEncoding = prepared.get(hit.entry);
    if (!byEncoding) prepared.set(hit.entry, (byEncoding = new Map()));
    const key = hit.headers.find(([k]) => k === 'Content-Encoding')?.[1] ?? 'identity';
    let flat = byEncoding.get(key);
    if (!flat) {
      const all: [string, string][] = [...hit.headers, ['X-Cache', 'HIT'], ...SECURITY_HEADERS, ['Content-Length', String(hit.body.length)]];
      if (!hit.headers.some(([k]) => k === 'content-security-policy')) all.push(['Content-Security-Policy', CONTENT_SECURITY_POLICY]);
      byEncoding.set(key, (flat = all.flat()));
    }
    return flat;
  };
  return (req, res) => {
    const url = req.url;
    if (!config.renderCache || (req.method !== 'GET' && req.method !== 'HEAD') || !url || url.length > MAX_CACHED_URL) return false;
    const h = req.headers;
    if (h.cookie !== undefined || h.authorization !== undefined || cache.busy || !cache.has(url) || NEVER_CACHED.test(url)) return false;
    const started = config.logRequests ? performance.now() : 0;
    const hit = cache.lookup(url, h['accept-encoding']);
    if (!hit) return false;
    const id = (typeof h['x-request-id'] === 'string' && h['x-request-id'].slice(0, 100)) || randomUUID();
    const flat = headersFor(hit);
    const notModified = clientIsCurrent({ ifNoneMatch: h['if-none-match'], ifModifiedSince: h['if-modified-since'] }, hit.entry.etag, hit.entry.lastModified);
    if (notModified) {
      const keep: string[] = ['X-Request-Id', id];
      for (let i = 0; i < flat.length; i += 2) if (!/^(content-type|content-encoding|content-length)$/i.test(flat[i]!)) keep.push(flat[i]!, flat[i + 1]!);
      res.writeHead(304, keep);
      res.end();
    } else {
      res.writeHead(hit.status, flat.concat('X-Request-Id', id));
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    }
    if (config.logRequests)
      deps.log({ msg: 'request', method: req.method, path: url.split('?')[0], status: notModified ? 304 : hit.status, ms: Math.round((performance.now() - started) * 100) / 100, request_id: id, cache: 'HIT' });
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
