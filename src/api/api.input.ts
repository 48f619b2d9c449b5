import { z } from 'zod';
import { TIME_RANGE_WORDS, isAcceptedTime } from '../lib/iso-date.js';

/** The values the API's query strings take, parsed at the API's edge with parseQuery (http/input.ts). */

/** An ISO 8601 date or date-time, as epoch ms, inside the accepted range (lib/iso-date.ts). */
export const instant = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be an ISO 8601 date or time, such as 2026-01-31 or 2026-01-31T12:00:00Z.',
  )
  .transform((v, ctx) => {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a real date or time.' });
    else if (!isAcceptedTime(ms)) ctx.addIssue({ code: 'custom', message: `must be ${TIME_RANGE_WORDS}.` });
    return ms;
  });

/** A page size: 1 to 100, 20 when absent. */
export const limitValue = z.coerce
  .number()
  .int('must be a whole number.')
  .min(1, 'must be at least 1.')
  .max(100, 'must be at most 100.')
  .default(20);
/** A list's `cursor`: checked (length included) by the list's cursor codec, so a bad one answers its one message. */
export const cursorValue = z.string().optional();
