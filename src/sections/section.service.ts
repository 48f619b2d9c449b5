import type { Section, DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { slugify } from '../stories/slug.js';
import type { Lookups } from '../cache/lookups.js';
import { splitByEdition } from '../editions/names.service.js';
import type { LanguageNames } from '../editions/names.input.js';
import { allSectionWords, insertSection, listSections, saveSectionWords, updateSectionRow } from './section.repo.js';

/** What the section service needs, passed in from the composition root. */
export interface SectionDeps {
  db: DbHandle;
  events: EventBus;
}

/** A new section: its name, and optionally its slug (else from the name), description, parent and place in the menu. */
export interface SectionInput {
  name: string;
  slug?: string;
  description?: string;
  parentId?: number | null;
  position?: number;
}

/**
 * Creates a section and announces it (section.updated): the sections lookup and every page's navigation
 * are kept in memory, in every process, until the event says they changed.
 */
export async function createSection(deps: SectionDeps, input: SectionInput, actor: string): Promise<Section> {
  const slug = input.slug ?? slugify(input.name);
  if ((await listSections(deps.db)).some((s) => s.slug === slug))
    throw conflict(`There is already a section at /sections/${slug}.`);
  const row = await insertSection(deps.db, {
    name: input.name,
    slug,
    description: input.description ?? '',
    parent_id: input.parentId ?? null,
    position: input.position ?? 0,
  });
  deps.events.publish({ type: 'section.updated', id: row.id, actor });
  return row;
}

/** Renames a section or changes its description; its slug (and so every link to it) stays. Announced as section.updated. */
export async function updateSection(
  deps: SectionDeps,
  id: number,
  patch: { name?: string; description?: string },
  actor: string,
): Promise<Section> {
  const row = await updateSectionRow(deps.db, id, patch);
  if (!row) throw notFound('section');
  deps.events.publish({ type: 'section.updated', id, actor });
  return row;
}

/**
 * Sets a section's name and description in each edition's language: the primary edition's on the section itself
 * (its name may not be empty), the others' in section_translations (left empty: the primary's show there). One
 * transaction, then section.updated: the lookups read the names again and every cached page is purged.
 */
export async function setSectionNames(
  deps: SectionDeps & { lookups: Pick<Lookups, 'settings'> },
  id: number,
  names: LanguageNames,
  actor: string,
): Promise<void> {
  const { primary, others } = await splitByEdition(deps.lookups, names);
  if (primary && !primary.name) throw badRequest('The section needs a name in the primary edition’s language.');
  await deps.db.transaction().execute(async (tx) => {
    const row = primary
      ? await updateSectionRow(tx, id, { name: primary.name, description: primary.description })
      : (await listSections(tx)).find((s) => s.id === id);
    if (!row) throw notFound('section');
    for (const w of others) await saveSectionWords(tx, id, w.language, { name: w.name, description: w.description });
  });
  deps.events.publish({ type: 'section.updated', id, actor });
}

/** The desk's names page: every section, the words written for each in other languages, and the editions. */
export async function sectionNamesPage(deps: { db: DbHandle; lookups: Pick<Lookups, 'settings'> }) {
  const [sections, words, settings] = await Promise.all([
    listSections(deps.db),
    allSectionWords(deps.db),
    deps.lookups.settings(),
  ]);
  return { sections, words, editions: settings.editions };
}
