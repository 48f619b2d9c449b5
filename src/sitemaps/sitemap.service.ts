import type { AppDeps } from '../app.deps.js';
import type { DbHandle } from '../db/database.js';
import type { Edition } from '../editions/edition.js';
import { notFound } from '../http/errors.js';
import { type CardRow, listPublished } from '../stories/story.repo.js';
import {
  type ChunkStory,
  type ListingEntry,
  type StoryChunk,
  listedPages,
  sectionsWithStories,
  slugsWithStories,
  storiesInChunk,
  storyChunks,
} from './sitemap.repo.js';

/** The sitemaps.org limit of URLs in one sitemap file (and of files in one index). */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News: stories of the last two days, at most 1,000 per news sitemap. */
const NEWS_WINDOW_MS = 2 * 24 * 3600_000;
export const NEWS_MAX_URLS = 1_000;

/** The listings that have a sitemap in every edition. */
export type Listing = 'sections' | 'authors' | 'tags';

/** Stories of the last two days for the Google News sitemap, newest first, through the one listing query. */
export async function newsStories(deps: Pick<AppDeps, 'db' | 'clock'>, max: number): Promise<CardRow[]> {
  const cutoff = deps.clock() - NEWS_WINDOW_MS;
  const rows = await listPublished(deps.db, { limit: max, indexable: true });
  return rows.filter((r) => r.published_at >= cutoff);
}

/** The pages of a listing in one edition (sections carry the edition's newest publish time, the others none). */
export function listingPages(db: DbHandle, kind: Listing, edition: Edition): Promise<ListingEntry[]> {
  if (kind === 'sections') return sectionsWithStories(db, edition.code);
  return slugsWithStories(db, kind, SITEMAP_MAX_URLS);
}

/**
 * What the sitemap index lists besides the home pages: the story chunks, each listing's pages per edition (authors
 * and tags are the same in every edition: read once, listed once per edition), and the newest news story's update
 * time (undefined when the news sitemap would be empty).
 */
export async function sitemapIndexReads(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  editions: readonly Edition[],
  perFile: number,
): Promise<{
  chunks: StoryChunk[];
  pages: Record<Listing, ListingEntry[][]>;
  newsUpdated: number | undefined;
  staticPages: ChunkStory[];
}> {
  const [chunks, sections, authors, tags, news, staticPages] = await Promise.all([
    storyChunks(deps.db, perFile),
    Promise.all(editions.map((e) => listingPages(deps.db, 'sections', e))),
    slugsWithStories(deps.db, 'authors', SITEMAP_MAX_URLS),
    slugsWithStories(deps.db, 'tags', SITEMAP_MAX_URLS),
    newsStories(deps, 1),
    listedPages(deps.db),
  ]);
  return {
    chunks,
    pages: { sections, authors: editions.map(() => authors), tags: editions.map(() => tags) },
    newsUpdated: news[0]?.updated_at,
    staticPages,
  };
}

/** The static pages of the ordinary sitemap (`/sitemaps/pages.xml`): published, indexable, with translations. */
export const sitemapPages = (db: DbHandle): Promise<ChunkStory[]> => listedPages(db);

/** The stories of story sitemap `n` (from 1); 404 when it has none (past the last story, or past any row id). */
export async function chunkStories(db: DbHandle, n: number, perFile: number): Promise<ChunkStory[]> {
  // Beyond the 32-bit id range there can be no stories (and PostgreSQL would refuse the comparison).
  if ((n - 1) * perFile > 2_147_483_647) throw notFound('sitemap');
  const rows = await storiesInChunk(db, n, perFile);
  if (rows.length === 0) throw notFound('sitemap');
  return rows;
}
