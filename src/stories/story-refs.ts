import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { badRequest } from '../http/errors.js';
import { uniqueAuthorSlug } from '../users/user.service.js';

/** Creates a guest byline: an author profile with no desk account. */
export async function createGuestAuthor(db: Kysely<Database>, name: string, now: number): Promise<number> {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, 120);
  if (!clean) throw badRequest('A guest byline needs a name.');
  const slug = await uniqueAuthorSlug(db, clean);
  const row = await db
    .insertInto('authors')
    .values({ slug, name: clean, role_title: 'Guest contributor', bio: '', short_bio: '', avatar_image_id: null, links: '[]', user_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Checks that the section, tags, bylines and images a story points at exist, so a bad id is a
 * clear 400 and never a foreign-key failure (a 500) halfway through a save.
 */
export async function checkStoryRefs(
  db: Kysely<Database>,
  v: { sectionId: number; tagIds: readonly number[]; authorIds: readonly number[]; heroImageId: number | null; imageIds: readonly number[] },
): Promise<void> {
  const section = await db.selectFrom('sections').select('id').where('id', '=', v.sectionId).executeTakeFirst();
  if (!section) throw badRequest('Choose a section that exists.');
  const count = async (table: 'tags' | 'authors' | 'images', ids: readonly number[]) =>
    ids.length ? (await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute()).length : 0;
  if ((await count('tags', v.tagIds)) !== new Set(v.tagIds).size) throw badRequest('One of the chosen tags does not exist.');
  if ((await count('authors', v.authorIds)) !== new Set(v.authorIds).size) throw badRequest('One of the chosen bylines does not exist.');
  const images = [...(v.heroImageId ? [v.heroImageId] : []), ...v.imageIds];
  if ((await count('images', images)) !== new Set(images).size) throw badRequest('One of the images is not in the media library.');
}
