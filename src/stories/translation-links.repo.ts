import type { DbHandle } from '../db/database.js';
import type { TranslationLink } from './story.page.repo.js';

/** A story's translation group (null when it is in none) and its published translations, by language. */
export interface StoryTranslations {
  group: number | null;
  translations: TranslationLink[];
}

/**
 * The translation group of each of the given stories and its published translations (the other published
 * members of the group), by story id, in one query whatever their number: feeds and the content API list them
 * beside each story. Ids that name no story are absent from the map.
 */
export async function translationsOf(db: DbHandle, ids: readonly number[]): Promise<Map<number, StoryTranslations>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories as s')
    .leftJoin('stories as t', (join) =>
      join
        .onRef('t.translation_group', '=', 's.translation_group')
        .onRef('t.id', '<>', 's.id')
        .on('t.status', '=', 'published'),
    )
    .select(['s.id as of', 's.translation_group as group', 't.id', 't.slug', 't.language'])
    .where('s.id', 'in', [...ids])
    .orderBy('t.language')
    .execute();
  const map = new Map<number, StoryTranslations>();
  for (const r of rows) {
    const entry = map.get(r.of) ?? { group: r.group, translations: [] };
    if (r.id !== null && r.slug !== null && r.language !== null)
      entry.translations.push({ id: r.id, slug: r.slug, language: r.language });
    map.set(r.of, entry);
  }
  return map;
}
