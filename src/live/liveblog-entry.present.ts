import { authorUrl } from '../authors/author.present.js';
import type { Author, Story } from '../db/database.js';
import type { RenderContext } from '../document/document.render.js';
import type { StoryDocument } from '../document/document.schema.js';
import { presentImage } from '../media/image.present.js';
import type { ImageViewRow } from '../media/image.repo.js';
import type { MediaStore } from '../media/media.store.js';
import type { StoryCardView } from '../news-feed/card.present.js';
import type { BlogEntryRow } from './liveblog.repo.js';

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

/** Entries presented with what their bodies show: the views and the render context of their images and cards. */
export interface PresentedEntries {
  entries: EntryView[];
  render: RenderContext;
}

/** What entries' bodies and bylines show, read in batches by the loader (liveblog.data.ts). */
export interface EntrySources {
  /** Each entry's parsed body, in the order of the rows. */
  docs: readonly StoryDocument[];
  images: ReadonlyMap<number, ImageViewRow>;
  authors: ReadonlyMap<number, Pick<Author, 'name' | 'slug'>>;
  /** The embedded stories' cards (an unpublished one is missing and renders nothing). */
  cards: readonly StoryCardView[];
}

/** Presents entries from what was read for them: bylines by id (a removed author drops out), images, cards. */
export function presentEntries(
  rows: readonly BlogEntryRow[],
  sources: EntrySources,
  media: Pick<MediaStore, 'url'>,
): PresentedEntries {
  const entries = rows.map((r, i) => ({
    id: r.id,
    headline: r.headline,
    body: sources.docs[i]!,
    authors: (JSON.parse(r.author_ids) as number[]).flatMap((id) => {
      const a = sources.authors.get(id);
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
      images: new Map([...sources.images].map(([id, img]) => [id, presentImage(img, media)])),
      cards: new Map(sources.cards.map((c) => [c.id, c])),
    },
  };
}

/** A live blog's page data: its coverage times (from its story) and its presented entries. */
export function presentLiveblog(
  story: Pick<Story, 'id' | 'published_at' | 'created_at' | 'coverage_ended_at'>,
  presented: PresentedEntries,
): LiveblogView {
  return {
    storyId: story.id,
    startedAt: story.published_at ?? story.created_at,
    endedAt: story.coverage_ended_at ?? null,
    entries: presented.entries,
    render: presented.render,
  };
}
