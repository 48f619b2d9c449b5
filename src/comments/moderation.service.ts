import type { Comment, CommentStatus, StoryCommentsMode, User } from '../db/database.js';
import { AppError, notFound } from '../http/errors.js';
import { appendFeedEvent } from '../live/event-log.repo.js';
import { storyById } from '../stories/story.repo.js';
import { assertCan } from '../users/user.policy.js';
import type { CoreDeps } from '../core.deps.js';
import { type KeysetPage, keysetPage } from '../lib/cursor.js';
import {
  type ModerationLogCursor,
  commentCursor,
  commentKeys,
  moderationLogCursor,
  moderationLogKeys,
} from './comment.cursor.js';
import type { CommentAction, Queue } from './comment.input.js';
import {
  type QueueFilter,
  type QueueRow,
  commentForChange,
  deleteComment,
  moderationQueue,
  openReportReasons,
  queueCounts,
  resolveReports,
  setCommentBan,
  setCommentStatus,
  setStoryCommentsMode,
} from './comment.repo.js';
import type { CommentDeps } from './comment.service.js';
import { type ModerationLogRow, moderationLog, recordModeration } from './moderation.repo.js';

/** The status each action leaves a comment in (delete and dismiss leave none: one removes it, one keeps it). */
const TARGET: Record<Exclude<CommentAction, 'delete' | 'dismiss'>, CommentStatus> = {
  approve: 'approved',
  hide: 'hidden',
  spam: 'spam',
  restore: 'approved',
};

export interface ModerationResult {
  /** The comment as it was before the action. */
  comment: Comment;
  /** Whether anything changed (approving an approved comment changes nothing and records nothing). */
  changed: boolean;
}

const actor = (user: User) => `user:${user.id}`;

/** What the comments desk's queue page shows: one page of a queue, every queue's count, the page's open reports. */
export interface ModerationQueuePage {
  page: KeysetPage<QueueRow>;
  counts: Record<Queue, number>;
  /** The open reports' reasons of each comment on the page, by comment id. */
  reasons: Map<number, string[]>;
}

/**
 * One page of a moderation queue, newest first (keyset-paged with the comments' cursor; `after` is the last one
 * of the page before), narrowed to a story or a reader, with every queue's count and the page's report reasons.
 */
export async function moderationQueuePage(deps: Pick<CoreDeps, 'db'>, f: QueueFilter): Promise<ModerationQueuePage> {
  const [page, counts] = await Promise.all([
    keysetPage(commentCursor, commentKeys, f.limit, (take) => moderationQueue(deps.db, { ...f, limit: take })),
    queueCounts(deps.db),
  ]);
  const reasons = await openReportReasons(
    deps.db,
    page.items.map((r) => r.id),
  );
  return { page, counts, reasons };
}

/** One page of the moderation log, newest first (`after`: the last row of the page before). */
export function moderationLogPage(
  deps: Pick<CoreDeps, 'db'>,
  after: ModerationLogCursor | null,
  limit: number,
): Promise<KeysetPage<ModerationLogRow>> {
  return keysetPage(moderationLogCursor, moderationLogKeys, limit, (take) =>
    moderationLog(deps.db, { after, limit: take }),
  );
}

/**
 * One moderation action on one comment, by a desk user who may moderate (`comments.moderate`): approve (show it),
 * hide, mark as spam, restore (a hidden or spam comment shown again), delete (gone, with its replies), or dismiss
 * its reports (kept as it is). Every action that changes something is recorded in moderation_actions with who
 * did it, closes the comment's open reports, and, when what readers see changes, goes out on the live stream
 * (its story's readers see it appear or go) and purges the story's comments (never the story's page).
 */
export async function moderateComment(
  deps: CommentDeps,
  user: User,
  commentId: number,
  action: CommentAction,
  note = '',
): Promise<ModerationResult> {
  assertCan(user, 'comments.moderate', undefined, 'Your role does not allow moderating comments.');
  const now = deps.clock();
  const result = await deps.db.transaction().execute(async (tx): Promise<ModerationResult | null> => {
    const was = await commentForChange(tx, commentId);
    if (!was) return null;
    const record = (a: CommentAction, extra = '') =>
      recordModeration(tx, {
        action: a,
        commentId: a === 'delete' ? null : was.id,
        readerId: was.reader_id,
        userId: user.id,
        note: [extra, note].filter(Boolean).join(', '),
        at: now,
      });
    const live = (type: 'comment.shown' | 'comment.removed') =>
      appendFeedEvent(tx, { type, storyId: was.story_id, entryId: was.id, at: now });
    if (action === 'delete') {
      const replies = await deleteComment(tx, was.id);
      // The log keeps which comment it was, not its words: a deleted comment is gone.
      await record('delete', `comment ${was.id} on story ${was.story_id}${replies ? ` with ${replies} replies` : ''}`);
      if (was.status === 'approved') await live('comment.removed');
      return { comment: was, changed: true };
    }
    if (action === 'dismiss') {
      if ((await resolveReports(tx, was.id, now)) === 0) return { comment: was, changed: false };
      await record('dismiss');
      return { comment: was, changed: true };
    }
    if (action === 'restore' && was.status !== 'hidden' && was.status !== 'spam')
      throw new AppError(409, 'not_removed', 'Only a hidden or spam comment can be restored.');
    const target = TARGET[action];
    const reports = await resolveReports(tx, was.id, now);
    if (was.status === target) {
      // Approving a reported comment that is shown keeps it, and says so in the log.
      if (reports > 0) await record(action, 'reports closed');
      return { comment: was, changed: reports > 0 };
    }
    await setCommentStatus(tx, was.id, target, now);
    await record(action);
    if (target === 'approved') await live('comment.shown');
    else if (was.status === 'approved') await live('comment.removed');
    return { comment: was, changed: true };
  });
  if (!result) throw notFound('comment');
  if (result.changed)
    deps.events.publish({
      type: action === 'delete' ? 'comment.deleted' : 'comment.moderated',
      id: commentId,
      storyId: result.comment.story_id,
      actor: actor(user),
    });
  return result;
}

/**
 * Stops a reader from commenting (`ban`) or lets them again (`unban`), with the moderator's note; recorded with
 * who did it. Their comments stay as they are: hiding them is each comment's own action.
 */
export async function setReaderBan(
  deps: CommentDeps,
  user: User,
  readerId: number,
  banned: boolean,
  note = '',
): Promise<void> {
  assertCan(user, 'comments.moderate', undefined, 'Your role does not allow banning readers from commenting.');
  const now = deps.clock();
  const found = await deps.db.transaction().execute(async (tx) => {
    if (!(await setCommentBan(tx, readerId, banned ? now : null, now))) return false;
    await recordModeration(tx, {
      action: banned ? 'ban' : 'unban',
      commentId: null,
      readerId,
      userId: user.id,
      note,
      at: now,
    });
    return true;
  });
  if (!found) throw notFound('reader');
  deps.events.publish({ type: banned ? 'reader.banned' : 'reader.unbanned', id: readerId, actor: actor(user) });
}

/**
 * A story's own comments mode, from the desk editor's settings panel (`comments.moderate`): on (the site's rules
 * apply), off (none shown or taken) or closed (shown, no new ones). The story's page shows whether it has
 * comments, so this is a story change (`story.updated`: its page and its comments are purged).
 */
export async function setCommentsMode(
  deps: CommentDeps,
  user: User,
  storyId: number,
  mode: StoryCommentsMode,
): Promise<void> {
  assertCan(user, 'comments.moderate', undefined, 'Your role does not allow changing a story’s comments.');
  const story = await storyById(deps.db, storyId);
  if (!story) throw notFound('story');
  if (story.comments === mode) return;
  await setStoryCommentsMode(deps.db, storyId, mode);
  deps.events.publish({ type: 'story.updated', id: storyId, actor: actor(user), slug: story.slug });
}
