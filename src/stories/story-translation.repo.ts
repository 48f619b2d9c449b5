import { sql } from 'kysely';
import type { DbHandle, Story, StoryStatus } from '../db/database.js';

/** One member of a translation group, as the desk lists it. */
export interface TranslationMember {
  id: number;
  slug: string;
  headline: string;
  language: string;
  status: StoryStatus;
}

/** Every story of a translation group (the source included), by language. */
export async function translationGroupMembers(db: DbHandle, group: number): Promise<TranslationMember[]> {
  return db
    .selectFrom('stories')
    .select(['id', 'slug', 'headline', 'language', 'status'])
    .where('translation_group', '=', group)
    .orderBy('language')
    .execute();
}

/** Puts a story into a translation group (the group is named by the id of the story it started from). */
export async function setTranslationGroup(db: DbHandle, storyId: number, group: number): Promise<void> {
  await db.updateTable('stories').set({ translation_group: group }).where('id', '=', storyId).execute();
}

/** The story a translation is made from, with its group. */
export async function translationSource(
  db: DbHandle,
  id: number,
): Promise<Pick<Story, 'id' | 'language' | 'translation_group' | 'headline'> | undefined> {
  return db
    .selectFrom('stories')
    .select(['id', 'language', 'translation_group', 'headline'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Links stories loaded in bulk (seed, import) as translation groups: each list becomes one group, named by its
 * smallest id (the story it started from, as ids grow with time). One UPDATE per chunk of stories, whatever the
 * number of groups. The caller keeps to one story per language in a group.
 */
export async function linkTranslations(db: DbHandle, groups: readonly (readonly number[])[]): Promise<void> {
  const pairs = groups.filter((g) => g.length > 1).flatMap((g) => g.map((id) => [id, Math.min(...g)] as const));
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    let group = sql`case id`;
    for (const [id, first] of chunk) group = sql`${group} when ${id} then cast(${first} as integer)`;
    await db
      .updateTable('stories')
      .set({ translation_group: sql<number>`${group} end` })
      .where(
        'id',
        'in',
        chunk.map(([id]) => id),
      )
      .execute();
  }
}

/**
 * The other members of the translation groups of several stories (a list page) in one query: story id → its
 * translations, by language. Stories in no group have none.
 */
export async function translationsOfStories(
  db: DbHandle,
  stories: readonly { id: number; translation_group: number | null }[],
): Promise<Map<number, TranslationMember[]>> {
  const out = new Map<number, TranslationMember[]>();
  const groups = [...new Set(stories.flatMap((s) => (s.translation_group === null ? [] : [s.translation_group])))];
  if (groups.length === 0) return out;
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'slug', 'headline', 'language', 'status', 'translation_group'])
    .where('translation_group', 'in', groups)
    .orderBy('language')
    .orderBy('id')
    .execute();
  for (const s of stories)
    if (s.translation_group !== null)
      out.set(
        s.id,
        rows
          .filter((r) => r.translation_group === s.translation_group && r.id !== s.id)
          .map(({ translation_group: _g, ...m }) => m),
      );
  return out;
}
