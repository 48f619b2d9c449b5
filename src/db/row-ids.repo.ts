import type { DbHandle } from './database.js';

/** Tables whose rows other rows point at by id (what a story's save checks before it writes). */
export type ReferencedTable = 'sections' | 'tags' | 'authors' | 'images';

/** Which of the given ids exist in the table, in one query (duplicates counted once). */
export async function existingIds(db: DbHandle, table: ReferencedTable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}
