import { sql } from 'kysely';
import type { Comment, CommentStatus, DbHandle, Story, StoryCommentsMode } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { CommentCursor } from './comment.cursor.js';

// Readers' comments (table `comments`; not `story_comments`, the desk's review notes on a draft). Every list pages
// by keyset on (created_at, id) with the one cursor codec (comment.cursor.ts).

/** A comment with what is shown of its reader (the name; blank fields once the account is erased). */
export interface CommentRow extends Comment {
  reader_name: string | null;
  reader_comment_name: string | null;
  reader_deleted_at: number | null;
}

/** A comment as the desk's queue shows it: its story and reader, and how many open reports it has. */
export interface QueueRow extends CommentRow {
  story_slug: string;
  story_headline: string;
  story_language: string;
  reader_email: string | null;
  reader_banned_at: number | null;
  open_reports: number;
}

const before = (c: CommentCursor) =>
  sql<boolean>`(comments.created_at < ${c.createdAt} or (comments.created_at = ${c.createdAt} and comments.id < ${c.id}))`;

/** The comment's own columns and its reader's shown fields. */
function withReader(db: DbHandle) {
  return db
    .selectFrom('comments')
    .leftJoin('readers', 'readers.id', 'comments.reader_id')
    .selectAll('comments')
    .select([
      'readers.name as reader_name',
      'readers.comment_name as reader_comment_name',
      'readers.deleted_at as reader_deleted_at',
    ]);
}

export async function insertComment(
  db: DbHandle,
  row: Pick<Comment, 'story_id' | 'reader_id' | 'parent_id' | 'body' | 'status' | 'created_at'>,
): Promise<Comment> {
  return db
    .insertInto('comments')
    .values({ ...row, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function commentById(db: DbHandle, id: number): Promise<Comment | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The story a comment is on (what a report is redirected back to). */
export async function storyOfComment(db: DbHandle, commentId: number): Promise<Story | undefined> {
  return db
    .selectFrom('comments')
    .innerJoin('stories', 'stories.id', 'comments.story_id')
    .selectAll('stories')
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
}

/** A reader's newest comment on a story (a resent form is recognised by it). */
export async function lastCommentOn(db: DbHandle, storyId: number, readerId: number): Promise<Comment | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('reader_id', '=', readerId)
    .where('story_id', '=', storyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One page of a story's approved top-level comments, newest first. */
export async function approvedTopLevel(
  db: DbHandle,
  storyId: number,
  after: CommentCursor | null,
  limit: number,
): Promise<CommentRow[]> {
  let q = withReader(db)
    .where('comments.story_id', '=', storyId)
    .where('comments.status', '=', 'approved')
    .where('comments.parent_id', 'is', null);
  if (after) q = q.where(before(after));
  return q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute();
}

/** The approved replies to these comments, oldest first (a conversation reads down), at most `limit` in all. */
export async function approvedReplies(
  db: DbHandle,
  parentIds: readonly number[],
  limit: number,
): Promise<CommentRow[]> {
  if (parentIds.length === 0) return [];
  return withReader(db)
    .where('comments.parent_id', 'in', parentIds)
    .where('comments.status', '=', 'approved')
    .orderBy('comments.created_at', 'asc')
    .orderBy('comments.id', 'asc')
    .limit(limit)
    .execute();
}

/** How many approved comments (replies included) a story shows. */
export async function countApproved(db: DbHandle, storyId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('story_id', '=', storyId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many of a reader's comments the desk has approved (what makes a reader trusted). */
export async function countApprovedByReader(db: DbHandle, readerId: number, atMost: number): Promise<number> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('reader_id', '=', readerId)
    .where('status', '=', 'approved')
    .limit(atMost)
    .execute();
  return rows.length;
}

/**
 * A comment about to be changed, locked for the rest of the transaction on PostgreSQL, so two moderators acting
 * at once each see the status the other left (SQLite serialises writers already).
 */
export async function commentForChange(db: DbHandle, id: number): Promise<Comment | undefined> {
  let q = db.selectFrom('comments').selectAll().where('id', '=', id);
  if (dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function setCommentStatus(db: DbHandle, id: number, status: CommentStatus, at: number): Promise<void> {
  await db.updateTable('comments').set({ status, updated_at: at }).where('id', '=', id).execute();
}

/** Deletes a comment (its replies go with it: the foreign key cascades). Returns how many replies it had. */
export async function deleteComment(db: DbHandle, id: number): Promise<number> {
  const replies = await db.selectFrom('comments').select('id').where('parent_id', '=', id).execute();
  await db.deleteFrom('comments').where('id', '=', id).execute();
  return replies.length;
}

export interface QueueFilter {
  /** A status queue, or 'reported': comments with open reports, whatever their status. */
  queue: CommentStatus | 'reported';
  storyId?: number;
  readerId?: number;
  after: CommentCursor | null;
  limit: number;
}

/** One page of a desk queue, newest first, with each comment's story, reader and open reports. */
export async function moderationQueue(db: DbHandle, f: QueueFilter): Promise<QueueRow[]> {
  let q = withReader(db)
    .innerJoin('stories', 'stories.id', 'comments.story_id')
    .select([
      'stories.slug as story_slug',
      'stories.headline as story_headline',
      'stories.language as story_language',
      'readers.email as reader_email',
      'readers.comments_banned_at as reader_banned_at',
      (eb) =>
        eb
          .selectFrom('comment_reports')
          .select((x) => x.fn.countAll<number | string>().as('n'))
          .whereRef('comment_reports.comment_id', '=', 'comments.id')
          .where('comment_reports.resolved_at', 'is', null)
          .as('open_reports'),
    ]);
  if (f.queue === 'reported')
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('comment_reports')
          .select('comment_reports.id')
          .whereRef('comment_reports.comment_id', '=', 'comments.id')
          .where('comment_reports.resolved_at', 'is', null),
      ),
    );
  else q = q.where('comments.status', '=', f.queue);
  if (f.storyId !== undefined) q = q.where('comments.story_id', '=', f.storyId);
  if (f.readerId !== undefined) q = q.where('comments.reader_id', '=', f.readerId);
  if (f.after) q = q.where(before(f.after));
  const rows = await q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, open_reports: Number(r.open_reports ?? 0) }));
}

/** How many comments wait in each queue (the desk's tabs). */
export async function queueCounts(db: DbHandle): Promise<Record<CommentStatus | 'reported', number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  const reported = await db
    .selectFrom('comment_reports')
    .select((eb) => eb.fn.count<number | string>('comment_id').distinct().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  const counts = { pending: 0, approved: 0, hidden: 0, spam: 0, reported: Number(reported?.n ?? 0) };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/**
 * A reader's report of a comment: one per reader and comment (the unique pair); a second report by the same
 * reader changes nothing. Returns whether this one was new.
 */
export async function insertReport(
  db: DbHandle,
  row: { commentId: number; readerId: number; reason: string; at: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('comment_reports')
    .values({ comment_id: row.commentId, reader_id: row.readerId, reason: row.reason, created_at: row.at })
    .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Marks a comment's open reports as dealt with (any moderation action on it does); returns how many were open. */
export async function resolveReports(db: DbHandle, commentId: number, at: number): Promise<number> {
  const r = await db
    .updateTable('comment_reports')
    .set({ resolved_at: at })
    .where('comment_id', '=', commentId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The open reports of some comments, by comment: their reasons, for the desk. */
export async function openReportReasons(db: DbHandle, commentIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (commentIds.length === 0) return out;
  const rows = await db
    .selectFrom('comment_reports')
    .select(['comment_id', 'reason'])
    .where('comment_id', 'in', commentIds)
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.comment_id, [...(out.get(r.comment_id) ?? []), r.reason]);
  return out;
}

/** A reader's comment ban: set (when) or lifted (null). Returns whether the reader exists. */
export async function setCommentBan(db: DbHandle, readerId: number, at: number | null, now: number): Promise<boolean> {
  const r = await db
    .updateTable('readers')
    .set({ comments_banned_at: at, updated_at: now })
    .where('id', '=', readerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A story's own comments mode (the desk editor's setting). */
export async function setStoryCommentsMode(db: DbHandle, storyId: number, mode: StoryCommentsMode): Promise<void> {
  await db.updateTable('stories').set({ comments: mode }).where('id', '=', storyId).execute();
}

/**
 * The published stories whose own comments mode is 'on' and that were first published in (`after`, `upTo`]: those
 * the site's "close after N days" rule closes in that window shifted by N days. Uses the (status, published_at) index.
 */
export async function openStoriesPublishedBetween(
  db: DbHandle,
  after: number,
  upTo: number,
): Promise<Pick<Story, 'id' | 'published_at'>[]> {
  return db
    .selectFrom('stories')
    .select(['id', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '>', after)
    .where('published_at', '<=', upTo)
    .where('comments', '=', 'on')
    .orderBy('published_at')
    .execute();
}
