import type { Context } from 'hono';
import { notFound } from './errors.js';

/**
 * A positive numeric id from the path. Anything else cannot name the thing the route is about, so it is a 404
 * that names it: "We could not find that user." (`what`: story, user, image, webhook, author, live blog, …).
 */
export function idParam(c: Context, what: string, name = 'id'): number {
  const v = c.req.param(name) ?? '';
  if (!/^\d{1,12}$/.test(v) || Number(v) === 0 || !Number.isSafeInteger(Number(v))) throw notFound(what);
  return Number(v);
}
