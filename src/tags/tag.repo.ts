import type { Kysely, Updateable } from 'kysely';
import type { Database, Tag, TagTable } from '../db/database.js';

/** Inserts a tag unless one has its slug; returns the new tag, or undefined when the slug was taken. */
export async function insertTagIfAbsent(db: Kysely<Database>, row: { slug: string; name: string }): Promise<Tag | undefined> {
  return db.insertInto('tags').values(row).onConflict((oc) => oc.column('slug').doNothing()).returningAll().executeTakeFirst();
}

/** Changes a tag's fields; undefined when there is no such tag. */
export async function updateTagRow(db: Kysely<Database>, id: number, patch: Updateable<TagTable>): Promise<Tag | undefined> {
  return db.updateTable('tags').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** A tag by its slug. */
export async function tagBySlug(db: Kysely<Database>, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export const tagUrl = (slug: string) => `/tags/${slug}`;

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
