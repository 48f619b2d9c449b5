import type { Updateable } from 'kysely';
import type { DbHandle, Tag, TagTable } from '../db/database.js';

/** Inserts a tag unless one has its slug; returns the new tag, or undefined when the slug was taken. */
export async function insertTagIfAbsent(db: DbHandle, row: { slug: string; name: string }): Promise<Tag | undefined> {
  return db
    .insertInto('tags')
    .values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes a tag's fields; undefined when there is no such tag. */
export async function updateTagRow(db: DbHandle, id: number, patch: Updateable<TagTable>): Promise<Tag | undefined> {
  return db.updateTable('tags').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** A tag by its slug. */
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
  return db
    .selectFrom('tags')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

/** Every tag's id by slug. */
export async function tagIdsBySlug(db: DbHandle): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('tags').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
}

/** Adds a tag and returns its id (the slug must be free). */
export async function insertTag(db: DbHandle, tag: { slug: string; name: string }): Promise<number> {
  return (await db.insertInto('tags').values(tag).returning('id').executeTakeFirstOrThrow()).id;
}
