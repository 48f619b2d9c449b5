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

/** The ids of a section and every section nested under it, at any depth. */
export function descendantIds(all: readonly Section[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++)
    for (const s of all) if (s.parent_id === out[i] && !out.includes(s.id)) out.push(s.id);
  return out;
}

/** The chain from the top-level section down to the given one (for breadcrumbs: World › Europe). */
export function sectionPath(all: readonly Section[], id: number): Section[] {
  const byId = new Map(all.map((s) => [s.id, s]));
  const path: Section[] = [];
  for (let s = byId.get(id); s && path.length < 20; s = s.parent_id ? byId.get(s.parent_id) : undefined)
    path.unshift(s);
  return path;
}

export const sectionUrl = (slug: string) => `/sections/${slug}`;

/** Every section's id by slug. */
export async function sectionIdsBySlug(db: DbHandle): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('sections').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
}
