import type { MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import type { AppDeps } from '../app.deps.js';
import { type Edition, editionByPrefix, isEditionPath, splitEditionPath } from './edition.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The edition a reader page is in (set for edition paths by editionMiddleware; the primary one elsewhere). */
    edition: Edition;
    /** Every edition of the newsroom, the primary one first. */
    editions: readonly Edition[];
  }
}

/**
 * The router's view of a path: an edition's prefix taken off (`/uk/stories/x` is routed as `/stories/x`), so each
 * reader route is written once and serves every edition. No I/O: the prefix is checked by editionMiddleware.
 */
export function editionRoutingPath(request: Request): string {
  return splitEditionPath(getPath(request))[1];
}

/** The edition prefix of a request's own path ("" for the primary edition and for paths outside editions). */
export function requestEditionPrefix(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '';
  const query = url.indexOf('?', start);
  return splitEditionPath(query < 0 ? url.slice(start) : url.slice(start, query))[0];
}

/**
 * Puts the request's edition on the context (`c.get('edition')`) for the reader paths editions have, from the
 * settings the lookups keep in memory: no query. A prefix that names no configured edition is a 404, so
 * `/xx/stories/…` is not a copy of the story. Other paths (the desk, the API, /healthz) are left alone.
 */
export function editionMiddleware(deps: Pick<AppDeps, 'lookups'>): MiddlewareHandler {
  return async (c, next) => {
    if (!isEditionPath(c.req.path)) return next();
    const prefix = requestEditionPrefix(c.req.url);
    const { editions } = await deps.lookups.settings();
    const edition = editionByPrefix(editions, prefix);
    if (!edition) return c.notFound();
    c.set('edition', edition);
    c.set('editions', editions);
    await next();
  };
}
