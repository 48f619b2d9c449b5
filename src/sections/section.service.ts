import type { Section, DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { conflict, notFound } from '../http/errors.js';
import { slugify } from '../stories/slug.js';
import { insertSection, listSections, updateSectionRow } from './section.repo.js';

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
