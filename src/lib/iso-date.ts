import { z } from 'zod';

/*
 * Times are UTC epoch milliseconds. What a face accepts is held to a range every page can show (four-digit years
 * from 1970), and what a page shows never throws on a value outside it: a row written by hand, an old import or a
 * bug must not take a page down with a RangeError from Date or Intl.
 */

/** The earliest time accepted anywhere: 1970-01-01T00:00:00Z (epoch ms are never negative). */
export const EARLIEST_TIME = 0;
/** The latest time accepted anywhere: the last millisecond of 9999, the last a four-digit ISO date can write. */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** How far ahead a story or an update may be scheduled: ten years (a longer wait is a typing slip). */
export const SCHEDULE_HORIZON_MS = 10 * 366 * 86_400_000;

/** The range in words, for messages: "between 1970-01-01 and 9999-12-31". */
export const TIME_RANGE_WORDS = 'between 1970-01-01 and 9999-12-31';

/** Whether a time is inside the accepted range (and so safe for Date, Intl and every page). */
export const isAcceptedTime = (ms: number) => Number.isSafeInteger(ms) && ms >= EARLIEST_TIME && ms <= LATEST_TIME;

/** An epoch-ms field of a schema: a whole number inside the accepted range. */
export const epochMs = z
  .number()
  .int()
  .refine(isAcceptedTime, `must be a time ${TIME_RANGE_WORDS} (epoch milliseconds).`);

/** Whether JavaScript can represent the time as a Date at all (±8.64e15 ms); formatting anything else throws. */
export const isRepresentable = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;

/** ISO 8601 in UTC with milliseconds; a stored time Date cannot represent is shown as its number, never thrown. */
export const isoTime = (ms: number) => (isRepresentable(ms) ? new Date(ms).toISOString() : String(ms));

/** RFC 3339 / W3C date-time in UTC, whole seconds (what Atom, JSON Feed, sitemaps and JSON-LD expect). */
export const isoDate = (ms: number) => isoTime(Math.floor(ms / 1000) * 1000).replace('.000Z', 'Z');
