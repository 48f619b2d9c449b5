import type { Story, DbHandle } from '../db/database.js';

/** The columns of several stories that listings leave out but feeds need (dek, body), in one query. */
export async function storyBodiesByIds(
  db: DbHandle,
  ids: readonly number[],
): Promise<Map<number, Pick<Story, 'id' | 'dek' | 'body'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'dek', 'body'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
