import type { DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { reindexStories } from './search-index.repo.js';

/** The search index following story events (see `followStoryEvents`). */
export interface SearchIndexer {
  /**
   * Resolves when every event heard so far is in the index. A search waits for it first, so a process
   * always finds what it has just written; writes of other processes are in the index moments after theirs.
   */
  settled(): Promise<void>;
  /** Stops listening; what was heard is still written (await `settled()` before closing the database). */
  stop(): void;
}

/**
 * Keeps the search index in step with story events, like every other consumer of them: each story that is
 * published, updated, unpublished or deleted is read again and re-indexed (or removed).
 *
 * Only this process's own events (`ownOnly`): the index lives in the shared database, so the process that
 * made the change writes it, once; a relayed event would only repeat that work in every other process.
 * Re-indexing runs one event at a time, in the order heard, so a quick publish-then-unpublish ends unpublished.
 * Bulk loads (seed, import, restore) publish one site.replaced instead of story events and fill the index
 * themselves (`syncStorySearch`).
 */
export function followStoryEvents(deps: {
  db: DbHandle;
  events: EventBus;
  log: (fields: Record<string, unknown>) => void;
}): SearchIndexer {
  let tail: Promise<void> = Promise.resolve();
  const unsubscribe = deps.events.subscribe(
    (event) => {
      if (!event.type.startsWith('story.')) return;
      tail = tail.then(() =>
        reindexStories(deps.db, [event.id]).catch((err) => {
          // The story's next write or an index rebuild puts it right; the writer's change itself stands.
          deps.log({
            msg: 'search index update failed',
            level: 'error',
            event: event.type,
            story: event.id,
            error: String(err),
          });
        }),
      );
    },
    { ownOnly: true },
  );
  return {
    async settled() {
      // A settle may itself start while more events arrive: wait until the chain stops growing.
      for (let seen = tail; ; seen = tail) {
        await seen;
        if (seen === tail) return;
      }
    },
    stop: unsubscribe,
  };
}
