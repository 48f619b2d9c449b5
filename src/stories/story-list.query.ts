import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest } from '../http/errors.js';
import { deskListCursor } from './story-list.repo.js';

const ListQuery = z.object({
  status: z.enum(['draft', 'review', 'scheduled', 'published', '']).optional(),
  section: z.string().regex(/^\d{0,10}$/).optional(),
  author: z.string().regex(/^\d{0,10}$/).optional(),
  q: z.string().max(200).optional(),
  /** Checked (length included) by the desk list's cursor codec. */
  before: z.string().optional(),
});

/** The story list's filters from the query string; anything malformed is a readable 400. */
export function listQuery(c: Context) {
  const parsed = ListQuery.safeParse({ status: c.req.query('status'), section: c.req.query('section'), author: c.req.query('author'), q: c.req.query('q'), before: c.req.query('before') });
  if (!parsed.success) throw badRequest('Those filters are not valid. Choose a status, section or author from the lists.');
  const v = parsed.data;
  return {
    status: v.status || undefined,
    sectionId: v.section ? Number(v.section) : undefined,
    authorId: v.author ? Number(v.author) : undefined,
    q: v.q?.trim() || undefined,
    before: deskListCursor.decode(v.before),
    raw: v,
  };
}
