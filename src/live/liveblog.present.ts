import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { authorUrl } from '../authors/author.present.js';
import type { Story } from '../db/database.js';
import type { RenderContext } from '../document/document.render.js';
import { type StoryDocument, documentImageIds, embeddedStoryIds } from '../document/document.schema.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { presentImage } from '../media/image.present.js';
import { imagesByIds } from '../media/image.repo.js';
import { cardsByIds } from '../stories/story.repo.js';
import { authorsByIds } from '../authors/author.repo.js';
import { type BlogEntryRow, entriesForBlog } from './liveblog.repo.js';

/** What a reader may see of one live-blog entry. */
export interface EntryView {
  id: number;
  headline: string;
  body: StoryDocument;
  authors: { name: string; url: string }[];
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  /** Its blog's language: the words it is shown in (the stream renders it once for every reader). */
  language: string;
}

/** A live blog's state and entries, ready to render. */
export interface LiveblogView {
  storyId: number;
  startedAt: number;
  endedAt: number | null;
  entries: EntryView[];
  /** Images and embedded-story cards of every entry, loaded in batches. */
  render: RenderContext;
}

/**
 * Presents entries with everything their bodies show (images, embedded stories, bylines) in a fixed
 * number of batched queries, whatever the entries hold. The page and the live stream both use it.
 */
export async function presentEntries(
  deps: Pick<CoreDeps, 'db' | 'media'> & { lookups: Lookups },
  rows: readonly BlogEntryRow[],
): Promise<{ entries: EntryView[]; render: RenderContext }> {
  const docs = rows.map((r) => JSON.parse(r.body) as StoryDocument);
  const authorIds = rows.flatMap((r) => JSON.parse(r.author_ids) as number[]);
  const [images, embedRows, authors] = await Promise.all([
    imagesByIds(deps.db, docs.flatMap(documentImageIds)),
    cardsByIds(deps.db, docs.flatMap(embeddedStoryIds)),
    authorsByIds(deps.db, authorIds),
  ]);
  const cards = await presentCards(deps, [...embedRows.values()]);
  const entries = rows.map((r, i) => ({
    id: r.id,
    headline: r.headline,
    body: docs[i]!,
    authors: (JSON.parse(r.author_ids) as number[]).flatMap((id) => {
      const a = authors.get(id);
      return a ? [{ name: a.name, url: authorUrl(a.slug) }] : [];
    }),
    pinned: r.pinned === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    language: r.language,
  }));
  return {
    entries,
    render: {
      images: new Map([...images].map(([id, img]) => [id, presentImage(img, deps.media)])),
      cards: new Map(cards.map((c) => [c.id, c])),
    },
  };
}

/** Loads a live blog's page data: coverage times and entries, pinned first, then newest first. */
export async function loadLiveblog(
  deps: Pick<CoreDeps, 'db' | 'media'> & { lookups: Lookups },
  story: Story,
): Promise<LiveblogView> {
  const rows = await entriesForBlog(deps.db, story.id);
  const { entries, render } = await presentEntries(
    deps,
    rows.map((r) => ({ ...r, language: story.language })),
  );
  return {
    storyId: story.id,
    startedAt: story.published_at ?? story.created_at,
    endedAt: story.coverage_ended_at ?? null,
    entries,
    render,
  };
}
