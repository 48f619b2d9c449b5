import { authorsByIds } from '../authors/author.repo.js';
import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import type { Story } from '../db/database.js';
import { type StoryDocument, documentImageIds, embeddedStoryIds } from '../document/document.schema.js';
import { imagesByIds } from '../media/image.repo.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { cardsByIds } from '../stories/story.repo.js';
import { type LiveblogView, type PresentedEntries, presentEntries, presentLiveblog } from './liveblog-entry.present.js';
import { type BlogEntryRow, entriesForBlog } from './liveblog.repo.js';

type LiveblogLoadDeps = Pick<CoreDeps, 'db' | 'media'> & { lookups: Lookups };

/**
 * Presents entries with everything their bodies show (images, embedded stories, bylines), read in a fixed
 * number of batched queries, whatever the entries hold. The page and the live stream both use it.
 */
export async function loadEntries(deps: LiveblogLoadDeps, rows: readonly BlogEntryRow[]): Promise<PresentedEntries> {
  const docs = rows.map((r) => JSON.parse(r.body) as StoryDocument);
  const authorIds = rows.flatMap((r) => JSON.parse(r.author_ids) as number[]);
  const [images, embedRows, authors] = await Promise.all([
    imagesByIds(deps.db, docs.flatMap(documentImageIds)),
    cardsByIds(deps.db, docs.flatMap(embeddedStoryIds)),
    authorsByIds(deps.db, authorIds),
  ]);
  const cards = await presentCards(deps, [...embedRows.values()]);
  return presentEntries(rows, { docs, images, authors, cards }, deps.media);
}

/** Loads a live blog's page data: coverage times and entries, pinned first, then newest first. */
export async function loadLiveblog(deps: LiveblogLoadDeps, story: Story): Promise<LiveblogView> {
  const rows = await entriesForBlog(deps.db, story.id);
  return presentLiveblog(
    story,
    await loadEntries(
      deps,
      rows.map((r) => ({ ...r, language: story.language })),
    ),
  );
}
