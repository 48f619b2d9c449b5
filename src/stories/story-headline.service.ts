import type { DbHandle } from '../db/database.js';
import { type StoryHit, hitsByIds, searchHeadlines } from './story-headline.repo.js';

/**
 * The editor's related-story picker: the published stories of `ids` in that order (to label its cards), or those
 * whose headline contains `words`; no words, no stories.
 */
export async function relatedStories(
  db: DbHandle,
  query: { ids: readonly number[] } | { words: string },
): Promise<StoryHit[]> {
  if ('ids' in query) return hitsByIds(db, query.ids);
  return query.words ? searchHeadlines(db, query.words) : [];
}
