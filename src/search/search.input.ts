import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';
import { isAcceptedTime } from '../lib/iso-date.js';
import { SlugSchema } from '../stories/slug.js';
import { MAX_QUERY_LENGTH } from './search.query.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'input.day', abort: true })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'input.realDay', abort: true })
  .refine((d) => isAcceptedTime(Date.parse(`${d}T00:00:00Z`)), 'input.dayInRange');

/**
 * The query string of a search, as the page and the API accept it (parsed at each face with parseInput). Its
 * messages are parseInput's own words (zod's checks, `input.*` keys), so the reader's search page gives them in
 * the edition's language.
 */
export const SearchParams = z.object({
  q: z.string().trim().max(MAX_QUERY_LENGTH).default(''),
  section: SlugSchema.optional(),
  author: SlugSchema.optional(),
  /** Only stories in this language (an edition's code, e.g. "uk"); the reader's search sets its edition's. */
  language: z.string().regex(LANGUAGE_TAG, 'must be a language code such as "en" or "uk"').optional(),
  from: day.optional(),
  to: day.optional(),
  /** The cursor of the next page, checked (length included) by the search cursor's codec. */
  after: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchParams = z.infer<typeof SearchParams>;
