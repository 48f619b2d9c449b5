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

/** Every tag by name (the desk's picker), at most `limit`. */
export async function listTags(db: DbHandle, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().orderBy('name').limit(limit).execute();
}

/** The given tags, by name. */
export async function tagsByIds(db: DbHandle, ids: readonly number[]): Promise<Tag[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tags').selectAll().where('id', 'in', [...ids]).orderBy('name').execute();
}

/** The tag with this slug, created with this name when there is none; its id. Safe when two saves race to create it. */
export async function ensureTag(db: DbHandle, slug: string, name: string): Promise<number> {
  const found = await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('tags')
    .values({ slug, name })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** Every tag's id by slug. */
export async function tagIdsBySlug(db: DbHandle): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('tags').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
}

/** Adds a tag and returns its id (the slug must be free). */
export async function insertTag(db: DbHandle, tag: { slug: string; name: string }): Promise<number> {
  return (await db.insertInto('tags').values(tag).returning('id').executeTakeFirstOrThrow()).id;
}
