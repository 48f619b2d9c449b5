import { getPath } from 'hono/utils/url';
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { CoreDeps } from '../core.deps.js';

/** The request's id: the one a proxy sent (at most 100 characters), or a new one. */
export function requestId(header: string | string[] | undefined): string {
  return (typeof header === 'string' && header.slice(0, 100)) || randomUUID();
}

/** What one request's log line says; `cache` is set by the render cache's fast path (`HIT`). */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
  started: number;
  id: string;
  cache?: 'HIT';
}

/** Writes the one log line of a request (when LOG_REQUESTS is on): from the app's middleware and from cache hits. */
export function logRequest(deps: Pick<CoreDeps, 'config' | 'log'>, r: RequestLine): void {
  if (!deps.config.logRequests) return;
  deps.log({
    msg: 'request',
    method: r.method,
    path: r.path,
    status: r.status,
    ms: Math.round((performance.now() - r.started) * 100) / 100,
    request_id: r.id,
    ...(r.cache ? { cache: r.cache } : {}),
  });
}

/** The first middleware: gives every response its X-Request-Id and logs the request when it is done. */
export function requestLog(deps: Pick<CoreDeps, 'config' | 'log'>): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const id = requestId(c.req.header('x-request-id'));
    c.header('X-Request-Id', id);
    await next();
    // A response a middleware returned itself (a render-cache hit) does not carry c.header()'s headers: set it there.
    const headers = c.res.headers;
    if (!headers.has('x-hono-already-sent') && !headers.has('X-Request-Id')) headers.set('X-Request-Id', id);
    logRequest(deps, { method: c.req.method, path: getPath(c.req.raw), status: c.res.status, started, id });
  };
}
