import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { cardsByIds, storyStates } from '../stories/story.repo.js';
import type { BannerView } from '../ui/banner.js';
import type { FeedEventRow } from './event-log.repo.js';
import { type LiveMessage, type MessageData, renderMessages } from './live.payload.js';
import { loadEntries } from './liveblog.data.js';
import { entriesByIds } from './liveblog.repo.js';

type MessageDeps = Pick<CoreDeps, 'db' | 'media' | 'config'> & { lookups: Lookups };

/** Reads the current state of every story and entry the rows name, in a fixed number of batched queries. */
export async function loadMessageData(deps: MessageDeps, rows: readonly FeedEventRow[]): Promise<MessageData> {
  const storyIds = rows.filter((r) => r.type.startsWith('story.')).map((r) => r.story_id);
  const blogIds = rows
    .filter((r) => r.type.startsWith('entry.') || r.type.startsWith('liveblog.'))
    .map((r) => r.story_id);
  const entryIds = rows
    .filter((r) => r.type === 'entry.added' || r.type === 'entry.updated')
    .map((r) => r.entry_id ?? 0);
  const commentStoryIds = rows.filter((r) => r.type.startsWith('comment.')).map((r) => r.story_id);
  const [cardRows, states, entries, settings] = await Promise.all([
    cardsByIds(deps.db, storyIds),
    // Live blogs: whether they are published; stories (and those commented on): their language (an unpublished
    // one has no card to say it).
    storyStates(deps.db, [...blogIds, ...storyIds, ...commentStoryIds]),
    entriesByIds(deps.db, entryIds),
    deps.lookups.settings(),
  ]);
  const visibleBlogs = new Set(blogIds.filter((id) => states.get(id)?.status === 'published'));
  const cards = new Map((await presentCards(deps, [...cardRows.values()])).map((c) => [c.id, c]));
  return {
    cards,
    editions: settings.editions,
    languages: new Map([...states].map(([id, s]) => [id, s.language])),
    visibleBlogs,
    entries: await loadEntries(
      deps,
      entries.filter((e) => visibleBlogs.has(e.story_id)),
    ),
  };
}

/** Turns log rows into stream messages: their current state (loadMessageData), rendered once (renderMessages). */
export async function buildMessages(
  deps: MessageDeps,
  rows: readonly FeedEventRow[],
  banner: BannerView | null,
): Promise<LiveMessage[]> {
  return renderMessages(rows, await loadMessageData(deps, rows), banner, deps.config.timeZone);
}
