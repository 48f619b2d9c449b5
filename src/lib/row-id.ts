import { z } from 'zod';

/**
 * The largest row id: ids are `serial` on PostgreSQL (a 32-bit integer; SQLite's rowids stay far below it in
 * practice). A larger number from a path or a cursor names no row, and PostgreSQL refuses to even compare one with
 * an id column ("out of range for type integer"), so it is refused before any query, as a 404 or a bad cursor.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether `n` can be a row's id: a whole number from 1 to MAX_ROW_ID (0 where a cursor starts before every row). */
export const isRowId = (n: number, min = 1) => Number.isSafeInteger(n) && n >= min && n <= MAX_ROW_ID;

/** A row id as text (a form field, a link's token part): its number, or null when it cannot name a row. */
export function rowIdFrom(text: string | undefined | null): number | null {
  const v = (text ?? '').trim();
  if (!/^\d{1,12}$/.test(v)) return null;
  const n = Number(v);
  return isRowId(n) ? n : null;
}

/** A row id in JSON input: a whole number from 1 to MAX_ROW_ID (a larger one is a 400, never a query). */
export const rowId = z
  .number()
  .int()
  .min(1, 'must be an id from 1 to 2147483647')
  .max(MAX_ROW_ID, 'must be an id from 1 to 2147483647');

/** A row id in a query string or form field: the text made a number first, then the same rule as `rowId`. */
export const rowIdText = z.coerce.number().pipe(rowId);
