import type { DbHandle } from '../db/database.js';
import type { TranslationLink } from './story.page.repo.js';

/**
 * The published translations of each of the given stories (the other published members of its translation
 * group), by story id, in one query whatever their number: feeds and the content API list them beside each story.
 * A story in no group, or whose translations are all unpublished, is absent from the map.
 */
export async function publishedTranslations(
  db: DbHandle,
  ids: readonly number[],
): Promise<Map<number, TranslationLink[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories as s')
    .innerJoin('stories as t', 't.translation_group', 's.translation_group')
    .select(['s.id as of', 't.id', 't.slug', 't.language'])
    .where('s.id', 'in', [...ids])
    .whereRef('t.id', '<>', 's.id')
    .where('t.status', '=', 'published')
    .orderBy('t.language')
    .execute();
  const map = new Map<number, TranslationLink[]>();
  for (const { of, ...link } of rows) map.set(of, [...(map.get(of) ?? []), link]);
  return map;
}
