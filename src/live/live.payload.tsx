import type { RenderContext } from '../document/document.render.js';
import type { StoryCardView } from '../news-feed/card.present.js';
import { type Edition, editionOf } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { StoryCard } from '../ui/news-feed-list.js';
import { Banner, type BannerView } from '../ui/banner.js';
import type { FeedEventRow } from './event-log.repo.js';
import type { EntryView } from './liveblog-entry.present.js';
import { LiveEntry } from './liveblog.view.js';

/**
 * One event of the live stream, serialised once and written as-is to every reader who should get it.
 * `blogId` limits it to readers of that live blog; `language` (a story event's) to readers of the edition the
 * story is in (its language's, or the primary one for a language with no edition); null for both goes to everyone.
 */
export interface LiveMessage {
  id: number;
  blogId: number | null;
  language: string | null;
  frame: Buffer;
}

/** What a reader's script receives in `data:` (JSON). HTML parts are rendered by the same components as the page. */
export type LiveData =
  | {
      type: 'story.published' | 'story.updated';
      storyId: number;
      headline: string;
      url: string;
      live: boolean;
      html: string;
    }
  | { type: 'story.unpublished'; storyId: number }
  | {
      type: 'entry.added' | 'entry.updated';
      storyId: number;
      entryId: number;
      pinned: boolean;
      createdAt: number;
      html: string;
    }
  | { type: 'entry.deleted'; storyId: number; entryId: number }
  | { type: 'liveblog.ended' | 'liveblog.reopened'; storyId: number }
  | { type: 'banner.updated'; html: string }
  /** A comment appeared on (or left) a story: its readers' script fetches the story's comments fragment. */
  | { type: 'comment.shown' | 'comment.removed'; storyId: number; commentId: number };

/** An SSE frame: the id readers resume from, and one JSON line of data. */
export function sseFrame(id: number, data: LiveData | { type: 'reload'; banner: string }): Buffer {
  return Buffer.from(`id: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * For a reader too far behind to replay event by event: the current banner, and a hint that the page's
 * lists are out of date (the page offers a reload; it never reloads under the reader by itself).
 */
export function reloadFrame(id: number, banner: BannerView | null): Buffer {
  return sseFrame(id, { type: 'reload', banner: banner ? String(<Banner banner={banner} />) : '' });
}

/** The current state of what a batch of log rows names, read by `loadMessageData` (live.messages.ts). */
export interface MessageData {
  /** Cards of the stories still published, by id (a story missing here is sent as unpublished). */
  cards: Map<number, StoryCardView>;
  /** The live blogs among the rows that are published: entries of any other blog go to nobody. */
  visibleBlogs: Set<number>;
  /** The added or changed entries of visible blogs, presented, with what their bodies show. */
  entries: { entries: EntryView[]; render: RenderContext };
  /** The newsroom's editions: a card is rendered in its own edition's words. */
  editions: readonly Edition[];
  /** The language of every story the rows name that still exists, published or not. */
  languages: Map<number, string>;
}

/**
 * Renders log rows into stream messages from the state read for them: a story that is no longer
 * published is sent as unpublished; entries of a blog that is not published are sent to nobody.
 */
export function renderMessages(
  rows: readonly FeedEventRow[],
  state: MessageData,
  banner: BannerView | null,
  tz: string,
): LiveMessage[] {
  const { cards, visibleBlogs, entries: presented } = state;
  const entryViews = new Map(presented.entries.map((e) => [e.id, e]));
  const bannerHtml = banner ? String(<Banner banner={banner} />) : '';

  const out: LiveMessage[] = [];
  for (const r of rows) {
    let data: LiveData | null = null;
    let blogId: number | null = null;
    let language: string | null = null;
    switch (r.type) {
      case 'story.published':
      case 'story.updated':
      case 'story.unpublished': {
        const card = cards.get(r.story_id);
        // A story deleted since has no language left to say: its removal goes to every edition (harmless).
        const storyLanguage = card?.language ?? state.languages.get(r.story_id);
        if (storyLanguage !== undefined) language = editionOf(state.editions, storyLanguage).code;
        data = card
          ? {
              type: r.type === 'story.unpublished' ? 'story.updated' : r.type,
              storyId: card.id,
              headline: card.headline,
              url: card.url,
              live: card.live,
              html: String(
                <StoryCard
                  card={card}
                  tz={tz}
                  words={{ t: translator(card.language), locale: editionOf(state.editions, card.language).locale }}
                />,
              ),
            }
          : { type: 'story.unpublished', storyId: r.story_id };
        break;
      }
      case 'entry.added':
      case 'entry.updated':
      case 'entry.deleted': {
        if (!visibleBlogs.has(r.story_id)) break;
        blogId = r.story_id;
        const entry = r.type === 'entry.deleted' ? undefined : entryViews.get(r.entry_id ?? 0);
        data = entry
          ? {
              type: r.type as 'entry.added',
              storyId: r.story_id,
              entryId: entry.id,
              pinned: entry.pinned,
              createdAt: entry.createdAt,
              html: String(
                <LiveEntry
                  entry={entry}
                  ctx={presented.render}
                  tz={tz}
                  words={{ t: translator(entry.language), locale: editionOf(state.editions, entry.language).locale }}
                />,
              ),
            }
          : { type: 'entry.deleted', storyId: r.story_id, entryId: r.entry_id ?? 0 };
        break;
      }
      case 'liveblog.ended':
      case 'liveblog.reopened':
        // Everyone gets it: the blog's card in any News Feed loses (or regains) its LIVE label.
        if (visibleBlogs.has(r.story_id)) data = { type: r.type, storyId: r.story_id };
        break;
      case 'banner.updated':
        data = { type: 'banner.updated', html: bannerHtml };
        break;
      case 'comment.shown':
      case 'comment.removed': {
        // To the readers of the story's edition only; a story deleted since is nobody's to hear about.
        const storyLanguage = state.languages.get(r.story_id);
        if (storyLanguage === undefined) break;
        language = editionOf(state.editions, storyLanguage).code;
        data = { type: r.type, storyId: r.story_id, commentId: r.entry_id ?? 0 };
        break;
      }
    }
    if (data) out.push({ id: r.id, blogId, language, frame: sseFrame(r.id, data) });
  }
  return out;
}
