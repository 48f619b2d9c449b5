import type { Context } from 'hono';
import { z } from 'zod';
import { decodeCursor } from '../lib/cursor.js';
import { SLUG_PATTERN } from '../stories/slug.js';
import { badRequest } from './errors.js';

const PagingQuery = z.object({ before: z.string().max(200).optional() });

/** Parses the `before` cursor of a listing page; a malformed one is a 400 with a readable message. */
export function pagingFrom(c: Context) {
  const parsed = PagingQuery.safeParse({ before: c.req.query('before') });
  if (!parsed.success) throw badRequest('That "show more" link is not valid.');
  return { before: decodeCursor(parsed.data.before), raw: parsed.data.before ?? null };
}

/** A path parameter that must be a slug; anything else cannot name a page, so it is a 404. */
export function slugParam(c: Context, name = 'slug'): string | null {
  const v = c.req.param(name) ?? '';
  return SLUG_PATTERN.test(v) && v.length <= 200 ? v : null;
}
