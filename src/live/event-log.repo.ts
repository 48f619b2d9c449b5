import { PostgresAdapter, sql } from 'kysely';
import type { DbHandle } from '../db/database.js';

/** What the live stream carries; each is one row of `feed_events`. */
export type FeedEventType =
  | 'story.published'
  | 'story.updated'
  | 'story.unpublished'
  | 'entry.added'
  | 'entry.updated'
  | 'entry.deleted'
  | 'liveblog.ended'
  | 'liveblog.reopened'
  | 'banner.updated'
  // A reader's comment became visible on its story (posted by a trusted reader, approved, restored), or stopped
  // being visible (hidden, marked spam, deleted); `entry_id` holds the comment's id.
  | 'comment.shown'
  | 'comment.removed';

export interface FeedEventRow {
  id: number;
  type: FeedEventType;
  story_id: number;
  /** The live-blog entry of an `entry.*` event; the comment of a `comment.*` one. */
  entry_id: number | null;
  at: number;
}

/** The feed event a story write causes, from its status before and after (null: readers see no change). */
export function storyFeedEventType(wasPublished: boolean, isPublished: boolean): FeedEventType | null {
  return isPublished ? (wasPublished ? 'story.updated' : 'story.published') : wasPublished ? 'story.unpublished' : null;
}

/**
 * Appends one event to the log, inside the caller's transaction so a reader replaying the log never
 * misses a change that was committed. On PostgreSQL the table is locked for the rest of the transaction:
 * ids are then handed out in commit order, so a reader that has seen id N has seen everything below N.
 * (SQLite serialises writers already.) Story writes are rare enough that this costs nothing.
 */
export async function appendFeedEvent(
  tx: DbHandle,
  e: { type: FeedEventType; storyId: number; entryId?: number | null; at: number },
): Promise<number> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`lock table feed_events in exclusive mode`.execute(tx);
  const row = await tx
    .insertInto('feed_events')
    .values({ type: e.type, story_id: e.storyId, entry_id: e.entryId ?? null, at: e.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Events after the given id, oldest first (replay after a reconnect, and each process's catch-up). */
export async function feedEventsAfter(db: DbHandle, afterId: number, limit: number): Promise<FeedEventRow[]> {
  const rows = await db
    .selectFrom('feed_events')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows as FeedEventRow[];
}

/** The newest event id (0 for an empty log): where a fresh reader starts. */
export async function lastFeedEventId(db: DbHandle): Promise<number> {
  const row = await db
    .selectFrom('feed_events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}
