/**
 * The largest row id: ids are `serial` on PostgreSQL (a 32-bit integer; SQLite's rowids stay far below it in
 * practice). A larger number from a path or a cursor names no row, and PostgreSQL refuses to even compare one with
 * an id column ("out of range for type integer"), so it is refused before any query, as a 404 or a bad cursor.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether `n` can be a row's id: a whole number from 1 to MAX_ROW_ID (0 where a cursor starts before every row). */
export const isRowId = (n: number, min = 1) => Number.isSafeInteger(n) && n >= min && n <= MAX_ROW_ID;
