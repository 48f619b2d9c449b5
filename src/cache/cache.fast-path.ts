import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse, createServer } from 'node:http';
import type { AppDeps } from '../app.deps.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../http/security.js';
import { MAX_CACHED_URL, NEVER_CACHED } from './cache.middleware.js';
import { etagMatches } from './render-cache.js';

/**
 * Answers render-cache hits straight on the Node request, before the web-standard Request/Response layer
 * is built: a hit then costs about what a bare node:http server costs. Anything else (a miss, a cookie,
 * a purge being worked out) returns false and goes through the app as usual, which gives the same answer.
 */
export function cacheFastPath(deps: Pick<AppDeps, 'cache' | 'config' | 'log'>): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, config } = deps;
  return (req, res) => {
    const url = req.url;
    if (!config.renderCache || (req.method !== 'GET' && req.method !== 'HEAD') || !url || url.length > MAX_CACHED_URL) return false;
    const h = req.headers;
    if (h.cookie !== undefined || h.authorization !== undefined || cache.busy || !cache.has(url) || NEVER_CACHED.test(url)) return false;
    const started = performance.now();
    const hit = cache.lookup(url, h['accept-encoding']);
    if (!hit) return false;
    const id = (typeof h['x-request-id'] === 'string' && h['x-request-id'].slice(0, 100)) || randomUUID();
    const headers: [string, string][] = [['X-Request-Id', id], ...hit.headers, ['X-Cache', 'HIT']];
    if (!hit.headers.some(([k]) => k === 'content-security-policy')) headers.push(['Content-Security-Policy', CONTENT_SECURITY_POLICY]);
    headers.push(...SECURITY_HEADERS);
    const notModified = etagMatches(h['if-none-match'], hit.entry.etag);
    if (notModified) {
      res.writeHead(304, headers.filter(([k]) => k !== 'content-type' && k !== 'Content-Encoding').flat());
      res.end();
    } else {
      headers.push(['Content-Length', String(hit.body.length)]);
      res.writeHead(hit.status, headers.flat());
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
