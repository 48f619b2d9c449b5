import type { Context } from 'hono';
import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';

import { parseInput } from '../lib/parse-input.js';
import { deskListCursor } from './story.cursor.js';
import { rowIdFrom } from '../lib/row-id.js';

/** A language tag, or nothing (a filter left empty). */
const OPTIONAL_LANGUAGE_TAG = new RegExp(`^(${LANGUAGE_TAG.source.slice(1, -1)})?$`);

const INVALID = 'Those filters are not valid. Choose a status, section, author or language from the lists.';
const ListQuery = z.object({
  status: z.enum(['draft', 'review', 'scheduled', 'published', ''], INVALID).optional(),
  /** Stories, live blogs or static pages (the desk's "Pages" is this list of kind 'page'). */
  kind: z.enum(['story', 'liveblog', 'page', ''], INVALID).optional(),
  section: z
    .string()
    .refine((v) => v === '' || rowIdFrom(v) !== null, INVALID)
    .optional(),
  author: z
    .string()
    .refine((v) => v === '' || rowIdFrom(v) !== null, INVALID)
    .optional(),
  q: z.string().max(200, INVALID).optional(),
  language: z.string().regex(OPTIONAL_LANGUAGE_TAG, INVALID).optional(),
  /** "Needs translation into": a language code. */
  missing: z.string().regex(OPTIONAL_LANGUAGE_TAG, INVALID).optional(),
  /** Checked (length included) by the desk list's cursor codec. */
  before: z.string().optional(),
});

/** The story list's filters from the query string; anything malformed is a readable 400. */
export function listQuery(c: Context) {
  const v = parseInput(
    ListQuery,
    {
      status: c.req.query('status'),
      kind: c.req.query('kind'),
      section: c.req.query('section'),
      author: c.req.query('author'),
      q: c.req.query('q'),
      language: c.req.query('language'),
      missing: c.req.query('missing'),
      before: c.req.query('before'),
    },
    'filter',
  );
  return {
    status: v.status || undefined,
    kind: v.kind || undefined,
    sectionId: v.section ? Number(v.section) : undefined,
    authorId: v.author ? Number(v.author) : undefined,
    q: v.q?.trim() || undefined,
    language: v.language || undefined,
    untranslatedInto: v.missing || undefined,
    before: deskListCursor.decode(v.before),
    raw: v,
  };
}
