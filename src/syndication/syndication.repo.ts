import type { Kysely } from 'kysely';
import type { Database, Story } from '../db/database.js';

/** The columns of several stories that listings leave out but feeds need (dek, body), in one query. */
export async function storyBodiesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, Pick<Story, 'id' | 'dek' | 'body'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('stories').select(['id', 'dek', 'body']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Tag names of several stories in one query, keyed by story id, alphabetical. */
export async function tagNamesForStories(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('story_tags')
    .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .select(['story_tags.story_id', 'tags.name'])
    .where('story_tags.story_id', 'in', [...ids])
    .orderBy('tags.name')
    .execute();
  for (const r of rows) out.set(r.story_id, [...(out.get(r.story_id) ?? []), r.name]);
  return out;
}
