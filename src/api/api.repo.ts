import type { Kysely } from 'kysely';
import type { Author, Database, Tag } from '../db/database.js';

/** Tags of several stories in one query, each story's sorted by name. */
export async function tagsForStories(db: Kysely<Database>, storyIds: readonly number[]): Promise<Map<number, Tag[]>> {
  const out = new Map<number, Tag[]>();
  if (storyIds.length === 0) return out;
  const rows = await db
    .selectFrom('story_tags')
    .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .select(['story_tags.story_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('story_tags.story_id', 'in', [...storyIds])
    .orderBy('tags.name')
    .execute();
  for (const { story_id, ...tag } of rows) out.set(story_id, [...(out.get(story_id) ?? []), tag]);
  return out;
}

/** One keyset page of tags in id order (ids never change, so a page never shifts). */
export async function tagsPage(db: Kysely<Database>, afterId: number, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** One keyset page of authors in id order. */
export async function authorsPage(db: Kysely<Database>, afterId: number, limit: number): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
