import { sql } from 'kysely';
import type { DbHandle } from '../db/database.js';
import { cardsByIds } from './story.repo.js';
import { storyUrl } from './story.url.js';

/** A published story as the editor's related-story picker shows it. */
export interface StoryHit {
  id: number;
  headline: string;
  url: string;
  publishedAt: number | null;
}

/** Escapes LIKE's wildcards so a writer's "50%" or "a_b" matches those characters literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Published stories whose headline contains `q` (case-insensitive), newest first. A plain LIKE on both
 * engines: good enough to pick a related story; full-text search is the search engine's job.
 */
export async function searchHeadlines(db: DbHandle, q: string, limit = 10): Promise<StoryHit[]> {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'slug', 'headline', 'published_at'])
    .where('status', '=', 'published')
    .where('kind', '<>', 'page')
    .where(sql<boolean>`lower(headline) like ${pattern} escape '\\'`)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, headline: r.headline, url: storyUrl(r.slug), publishedAt: r.published_at }));
}

/** Published stories by id, in the order asked (the editor shows embedded cards by id). */
export async function hitsByIds(db: DbHandle, ids: readonly number[]): Promise<StoryHit[]> {
  const cards = await cardsByIds(db, ids);
  return ids.flatMap((id) => {
    const c = cards.get(id);
    return c ? [{ id: c.id, headline: c.headline, url: storyUrl(c.slug), publishedAt: c.published_at }] : [];
  });
}
