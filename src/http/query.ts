import type { Context } from 'hono';
import type { CursorCodec } from '../lib/cursor.js';
import { SLUG_PATTERN } from '../stories/slug.js';

/** Decodes the `before` cursor of a listing page ("Show More") with its list's codec; a malformed one is a 400. */
export function pagingFrom<C>(c: Context, codec: CursorCodec<C>): { before: C | null } {
  return { before: codec.decode(c.req.query('before')) };
}

/** A path parameter that must be a slug; anything else cannot name a page, so it is a 404. */
export function slugParam(c: Context, name = 'slug'): string | null {
  const v = c.req.param(name) ?? '';
  return SLUG_PATTERN.test(v) && v.length <= 200 ? v : null;
}
