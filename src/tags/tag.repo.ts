import type { Updateable } from 'kysely';
import type { DbHandle, Tag, TagLink, TagTable } from '../db/database.js';
import { ownOrBase } from '../db/translated.js';

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

/** Tags with their name and description in a language where written, the base row's otherwise ('': the base). */
export function tagsIn(db: DbHandle, language: string) {
  return db
    .selectFrom('tags')
    .leftJoin('tag_translations as tt', (j) => j.onRef('tt.tag_id', '=', 'tags.id').on('tt.language', '=', language))
    .select([
      'tags.id',
      'tags.slug',
      ownOrBase('tt.name', 'tags.name').as('name'),
      ownOrBase('tt.description', 'tags.description').as('description'),
    ]);
}

/** A tag by its slug; with a language, its name and description in it where written, the base row's otherwise. */
export async function tagBySlug(db: DbHandle, slug: string, language = ''): Promise<Tag | undefined> {
  return tagsIn(db, language).where('tags.slug', '=', slug).executeTakeFirst();
}

/** A tag by id. */
export async function tagById(db: DbHandle, id: number): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tags in id order after a place in that list, at most `limit` (the desk's tag list, keyset-paged). */
export async function tagsAfter(db: DbHandle, afterId: number, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** A tag's words in one language. */
export interface TagWords {
  name: string;
  description: string;
}

/** Every written translation of the given tags, by tag id and language (the desk's page). */
export async function tagWordsOf(db: DbHandle, ids: readonly number[]): Promise<Map<number, Map<string, TagWords>>> {
  const out = new Map<number, Map<string, TagWords>>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('tag_translations')
    .selectAll()
    .where('tag_id', 'in', [...ids])
    .execute();
  for (const { tag_id, language, ...words } of rows)
    out.set(tag_id, (out.get(tag_id) ?? new Map()).set(language, words));
  return out;
}

/** Sets a tag's words in one language; nothing written (both empty) removes them, so the base row's show. */
export async function saveTagWords(db: DbHandle, tagId: number, language: string, words: TagWords): Promise<void> {
  if (!words.name && !words.description) {
    await db.deleteFrom('tag_translations').where('tag_id', '=', tagId).where('language', '=', language).execute();
    return;
  }
  await db
    .insertInto('tag_translations')
    .values({ tag_id: tagId, language, ...words })
    .onConflict((oc) => oc.columns(['tag_id', 'language']).doUpdateSet(words))
    .execute();
}

/** Tags of several stories in one query, each story's in its language's names (the base's where none), sorted by name. */
export async function tagsForStories(db: DbHandle, storyIds: readonly number[]): Promise<Map<number, TagLink[]>> {
  const out = new Map<number, TagLink[]>();
  if (storyIds.length === 0) return out;
  // Each story's tags named in the story's own language where written (a feed or an API page may mix languages).
  const rows = await db
    .selectFrom('story_tags')
    .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .innerJoin('stories', 'stories.id', 'story_tags.story_id')
    .leftJoin('tag_translations as tt', (j) =>
      j.onRef('tt.tag_id', '=', 'tags.id').onRef('tt.language', '=', 'stories.language'),
    )
    .select(['story_tags.story_id', 'tags.id', 'tags.slug', ownOrBase('tt.name', 'tags.name').as('name')])
    .where('story_tags.story_id', 'in', [...storyIds])
    .orderBy('name')
    .execute();
  for (const { story_id, ...tag } of rows) out.set(story_id, [...(out.get(story_id) ?? []), tag]);
  return out;
}

/** Every tag by name (the desk's picker), at most `limit`. */
export async function listTags(db: DbHandle, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().orderBy('name').limit(limit).execute();
}

/** The given tags, by name (in a language as tagBySlug's). */
export async function tagsByIds(db: DbHandle, ids: readonly number[], language = ''): Promise<Tag[]> {
  if (ids.length === 0) return [];
  return tagsIn(db, language)
    .where('tags.id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

/** Every tag's id by slug. */
export async function tagIdsBySlug(db: DbHandle): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('tags').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
}

/** Adds a tag and returns its id (the slug must be free). */
export async function insertTag(
  db: DbHandle,
  tag: { slug: string; name: string; description?: string },
): Promise<number> {
  return (await db.insertInto('tags').values(tag).returning('id').executeTakeFirstOrThrow()).id;
}
