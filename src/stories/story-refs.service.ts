import { insertBareAuthor } from '../authors/author.repo.js';
import type { DbHandle } from '../db/database.js';
import { type ReferencedTable, existingIds } from '../db/row-ids.repo.js';
import { badRequest } from '../http/errors.js';
import { uniqueAuthorSlug } from '../users/user.service.js';

/** Creates a guest byline: an author profile with no desk account. */
export async function createGuestAuthor(db: DbHandle, name: string, now: number): Promise<number> {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, 120);
  if (!clean) throw badRequest('A guest byline needs a name.');
  const slug = await uniqueAuthorSlug(db, clean);
  const row = await insertBareAuthor(db, { slug, name: clean, roleTitle: 'Guest contributor', now });
  return row.id;
}

/**
 * Checks that the section, tags, bylines and images a story points at exist, so a bad id is a
 * clear 400 and never a foreign-key failure (a 500) halfway through a save.
 */
export async function checkStoryRefs(
  db: DbHandle,
  v: {
    sectionId: number;
    tagIds: readonly number[];
    authorIds: readonly number[];
    heroImageId: number | null;
    imageIds: readonly number[];
  },
): Promise<void> {
  const allExist = async (table: ReferencedTable, ids: readonly number[]) =>
    (await existingIds(db, table, ids)).size === new Set(ids).size;
  if (!(await allExist('sections', [v.sectionId]))) throw badRequest('Choose a section that exists.');
  if (!(await allExist('tags', v.tagIds))) throw badRequest('One of the chosen tags does not exist.');
  if (!(await allExist('authors', v.authorIds))) throw badRequest('One of the chosen bylines does not exist.');
  if (!(await allExist('images', [...(v.heroImageId ? [v.heroImageId] : []), ...v.imageIds])))
    throw badRequest('One of the images is not in the media library.');
}
