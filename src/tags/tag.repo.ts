import type { Tag, DbHandle } from '../db/database.js';

export async function tagBySlug(db: DbHandle, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export const tagUrl = (slug: string) => `/tags/${slug}`;

/** Tags of several stories in one query, each story's sorted by name. */
export async function tagsForStories(db: DbHandle, storyIds: readonly number[]): Promise<Map<number, Tag[]>> {
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
