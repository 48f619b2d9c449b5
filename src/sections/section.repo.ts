import type { Insertable, Updateable } from 'kysely';
import type { DbHandle, Section, SectionTable } from '../db/database.js';

/** Inserts a section and returns it. */
export async function insertSection(db: DbHandle, row: Insertable<SectionTable>): Promise<Section> {
  return db.insertInto('sections').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a section's fields; undefined when there is no such section. */
export async function updateSectionRow(
  db: DbHandle,
  id: number,
  patch: Updateable<SectionTable>,
): Promise<Section | undefined> {
  return db.updateTable('sections').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** All sections, ordered for navigation. There are few, so one query serves every page. */
export async function listSections(db: DbHandle): Promise<Section[]> {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
}

/** Every section's id by slug. */
export async function sectionIdsBySlug(db: DbHandle): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('sections').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
}

/** A section's words in one language. */
export interface SectionWords {
  name: string;
  description: string;
}

/** Every section's words in one language (those written in it), by section id. */
export async function sectionWordsIn(db: DbHandle, language: string): Promise<Map<number, SectionWords>> {
  const rows = await db
    .selectFrom('section_translations')
    .select(['section_id', 'name', 'description'])
    .where('language', '=', language)
    .execute();
  return new Map(rows.map(({ section_id, ...words }) => [section_id, words]));
}

/** Every section's words in every language written, by section id and language (the desk's page). */
export async function allSectionWords(db: DbHandle): Promise<Map<number, Map<string, SectionWords>>> {
  const rows = await db.selectFrom('section_translations').selectAll().execute();
  const out = new Map<number, Map<string, SectionWords>>();
  for (const { section_id, language, ...words } of rows)
    out.set(section_id, (out.get(section_id) ?? new Map()).set(language, words));
  return out;
}

/** Sets a section's words in one language; nothing written (both empty) removes them, so the base row's show. */
export async function saveSectionWords(
  db: DbHandle,
  sectionId: number,
  language: string,
  words: SectionWords,
): Promise<void> {
  if (!words.name && !words.description) {
    await db
      .deleteFrom('section_translations')
      .where('section_id', '=', sectionId)
      .where('language', '=', language)
      .execute();
    return;
  }
  await db
    .insertInto('section_translations')
    .values({ section_id: sectionId, language, ...words })
    .onConflict((oc) => oc.columns(['section_id', 'language']).doUpdateSet(words))
    .execute();
}

/** A section in one language: its own words where written, the base row's (the primary edition's) for the rest. */
export function sectionIn<S extends Section>(section: S, words: SectionWords | undefined): S {
  if (!words) return section;
  return { ...section, name: words.name || section.name, description: words.description || section.description };
}
