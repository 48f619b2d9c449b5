import type { Context } from 'hono';
import { isRowId } from '../lib/row-id.js';
import { notFound } from './errors.js';

/**
 * A row id from the path (1 to MAX_ROW_ID, lib/row-id.ts). Anything else cannot name the thing the route is
 * about, so it is a 404 that names it: "We could not find that user." (`what`: story, user, image, webhook,
 * author, live blog, …), before any query (PostgreSQL cannot compare an id column with a larger number).
 */
export function idParam(c: Context, what: string, name = 'id'): number {
  const v = c.req.param(name) ?? '';
  if (!/^\d{1,12}$/.test(v) || !isRowId(Number(v))) throw notFound(what);
  return Number(v);
}
