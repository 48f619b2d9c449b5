import type { AppDeps } from '../app.deps.js';
import type { Comment, CommentStatus, Reader, Story } from '../db/database.js';
import { AppError, notFound } from '../http/errors.js';
import { appendFeedEvent } from '../live/event-log.repo.js';
import type { CommentRules } from './comment-settings.js';
import { COMMENT_MAX_CHARS, COMMENT_MAX_LINKS, type PostCommentInput, type ReportReason } from './comment.input.js';
import { countLinks } from './comment-links.js';
import { commentById, countApprovedByReader, insertComment, insertReport, lastCommentOn } from './comment.repo.js';
import { recordModeration } from './moderation.repo.js';
import { takeCommentToken } from './comment-limits.js';

export type CommentDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'lookups'>;

/** Whether a story takes comments now: open, closed (shown, no new ones), or off (none shown). */
export type CommentsState = 'open' | 'closed' | 'off';

/** When a story's comments close by the newsroom's rule (null: they do not, by time). */
export function commentsCloseAt(story: Pick<Story, 'published_at'>, rules: CommentRules): number | null {
  if (rules.closeAfterDays <= 0 || story.published_at === null) return null;
  return story.published_at + rules.closeAfterDays * 86_400_000;
}

/**
 * A story's comments state from its own mode and the site's rules: off when either says off or the story is not
 * published; closed when the story says so or its time is up (`closeAfterDays` after publishing); else open.
 */
export function commentsState(
  story: Pick<Story, 'comments' | 'published_at' | 'status'>,
  rules: CommentRules,
  now: number,
): CommentsState {
  if (!rules.enabled || story.comments === 'off' || story.status !== 'published') return 'off';
  if (story.comments === 'closed') return 'closed';
  const closes = commentsCloseAt(story, rules);
  return closes !== null && now >= closes ? 'closed' : 'open';
}

/** A refusal a reader reads: its code picks the edition's words for it (comments.site.tsx). */
const refuse = (status: 400 | 403 | 404 | 409 | 429, code: string, message: string) =>
  new AppError(status, code, message);

/** Why a reader cannot comment at all, or null when they can (the ban and an erased account). */
export function commenterRefusal(reader: Pick<Reader, 'comments_banned_at' | 'deleted_at'>): AppError | null {
  if (reader.deleted_at !== null) return refuse(403, 'reader_deleted', 'This account has been deleted.');
  if (reader.comments_banned_at !== null)
    return refuse(
      403,
      'comments_banned',
      'The newsroom has stopped this account from commenting. You can still read every story and comment.',
    );
  return null;
}

export interface PostResult {
  comment: Comment;
  /** True when it is shown at once; false when it waits for the desk (held for review). */
  shown: boolean;
}

/**
 * A signed-in reader's comment on a story, or a reply to one of its top-level comments (a reply to a reply
 * joins the same conversation: replies are one level deep). Refused, each with its own code, when the story's
 * comments are off or closed, the reader is banned, they post too fast, or the text is empty, too long or mostly
 * links. A new reader's comments are held for review until the desk has approved `trustedAfter` of them (when
 * the newsroom holds new readers). The same text posted again by the same reader (a double click, a resent form)
 * is the same comment, not a second one.
 */
export async function postComment(
  deps: CommentDeps,
  reader: Reader,
  story: Story,
  input: PostCommentInput,
): Promise<PostResult> {
  const now = deps.clock();
  const { comments: rules } = await deps.lookups.settings();
  const state = commentsState(story, rules, now);
  if (state === 'off') throw refuse(403, 'comments_off', 'This story does not take comments.');
  if (state === 'closed') throw refuse(403, 'comments_closed', 'Comments on this story are closed.');
  const refusal = commenterRefusal(reader);
  if (refusal) throw refusal;
  const body = input.body;
  if (body === '') throw refuse(400, 'comment_empty', 'Write something before you post.');
  if (body.length > COMMENT_MAX_CHARS)
    throw refuse(400, 'comment_too_long', `A comment may be at most ${COMMENT_MAX_CHARS} characters.`);
  if (countLinks(body) > COMMENT_MAX_LINKS)
    throw refuse(400, 'comment_too_many_links', `A comment may have at most ${COMMENT_MAX_LINKS} links.`);

  let parentId: number | null = null;
  if (input.parent !== undefined) {
    const parent = await commentById(deps.db, input.parent);
    if (!parent || parent.story_id !== story.id || parent.status !== 'approved')
      throw refuse(404, 'reply_not_found', 'The comment you replied to is no longer there.');
    parentId = parent.parent_id ?? parent.id;
  }

  const last = await lastCommentOn(deps.db, story.id, reader.id);
  if (last && last.body === body && last.parent_id === parentId)
    return { comment: last, shown: last.status === 'approved' };

  if (!(await takeCommentToken(deps, 'post', reader.id)))
    throw refuse(
      429,
      'comment_rate_limited',
      'You are commenting faster than we allow. Wait a minute, then post it again.',
    );

  const trusted =
    !rules.holdNewReaders ||
    (await countApprovedByReader(deps.db, reader.id, rules.trustedAfter)) >= rules.trustedAfter;
  const status: CommentStatus = trusted ? 'approved' : 'pending';
  const comment = await deps.db.transaction().execute(async (tx) => {
    const row = await insertComment(tx, {
      story_id: story.id,
      reader_id: reader.id,
      parent_id: parentId,
      body,
      status,
      created_at: now,
    });
    if (status === 'approved')
      await appendFeedEvent(tx, { type: 'comment.shown', storyId: story.id, entryId: row.id, at: now });
    return row;
  });
  deps.events.publish({
    type: status === 'approved' ? 'comment.posted' : 'comment.held',
    id: comment.id,
    storyId: story.id,
    actor: `reader:${reader.id}`,
  });
  return { comment, shown: status === 'approved' };
}

/**
 * A reader's report of a comment they can see (an approved one): it joins the desk's "reported" queue, once per
 * reader and comment (reporting it again changes nothing). Returns whether this report was new.
 */
export async function reportComment(
  deps: CommentDeps,
  reader: Reader,
  commentId: number,
  reason: ReportReason,
): Promise<{ comment: Comment; isNew: boolean }> {
  if (reader.deleted_at !== null) throw refuse(403, 'reader_deleted', 'This account has been deleted.');
  const comment = await commentById(deps.db, commentId);
  if (comment?.status !== 'approved') throw notFound('comment');
  if (!(await takeCommentToken(deps, 'report', reader.id)))
    throw refuse(429, 'report_rate_limited', 'You have sent many reports in a short time. Try again in an hour.');
  const now = deps.clock();
  const isNew = await deps.db.transaction().execute(async (tx) => {
    const added = await insertReport(tx, { commentId, readerId: reader.id, reason, at: now });
    if (added)
      await recordModeration(tx, {
        action: 'report',
        commentId,
        readerId: reader.id,
        userId: null,
        note: reason,
        at: now,
      });
    return added;
  });
  if (isNew)
    deps.events.publish({
      type: 'comment.reported',
      id: commentId,
      storyId: comment.story_id,
      actor: `reader:${reader.id}`,
    });
  return { comment, isNew };
}
