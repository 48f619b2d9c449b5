import type { DbHandle, StoryStatus } from '../db/database.js';

/** A static page (a story of kind 'page') as menus, the page route and the sitemap see it. */
export interface PageRow {
  id: number;
  slug: string;
  headline: string;
  language: string;
  status: StoryStatus;
  translation_group: number | null;
  noindex: number;
  updated_at: number;
}

/**
 * Every static page, published or not (the desk's menu form names drafts too), by language then slug. A newsroom
 * has tens of them, so the whole list is one small query that the lookups keep in memory.
 */
export async function listPages(db: DbHandle): Promise<PageRow[]> {
  return db
    .selectFrom('stories')
    .select(['id', 'slug', 'headline', 'language', 'status', 'translation_group', 'noindex', 'updated_at'])
    .where('kind', '=', 'page')
    .orderBy('language')
    .orderBy('slug')
    .execute();
}
