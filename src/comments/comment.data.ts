import type { CoreDeps } from '../core.deps.js';
import type { Story } from '../db/database.js';
import { storyBySlug } from '../stories/story.repo.js';
import { type KeysetPage, keysetPage } from '../lib/cursor.js';
import { type CommentView, presentComment } from './comment.present.js';
import { type CommentCursor, commentCursor, commentKeys } from './comment.cursor.js';
import { approvedReplies, approvedTopLevel, countApproved, storyOfComment } from './comment.repo.js';

/** Top-level comments per page (each with all its replies). */
export const COMMENTS_PER_PAGE = 20;
/** Most replies shown under one page of comments, in all: a bound on one page's size, never reached in practice. */
const REPLIES_PER_PAGE = 1000;

export interface StoryComments extends KeysetPage<CommentView> {
  /** Every approved comment of the story, replies included. */
  total: number;
}

/**
 * One page of a story's approved comments as readers see them: top-level comments newest first (keyset-paged
 * with the comments' cursor; `after` is the last one of the page before), each with its approved replies,
 * oldest first. Three queries whatever the page holds.
 */
export async function loadStoryComments(
  deps: Pick<CoreDeps, 'db'>,
  storyId: number,
  after: CommentCursor | null,
  limit = COMMENTS_PER_PAGE,
): Promise<StoryComments> {
  const [page, total] = await Promise.all([
    keysetPage(commentCursor, commentKeys, limit, (take) => approvedTopLevel(deps.db, storyId, after, take)),
    countApproved(deps.db, storyId),
  ]);
  const replies = await approvedReplies(
    deps.db,
    page.items.map((c) => c.id),
    REPLIES_PER_PAGE,
  );
  const byParent = new Map<number, CommentView[]>();
  for (const r of replies) {
    const parentId = r.parent_id as number;
    byParent.set(parentId, [...(byParent.get(parentId) ?? []), presentComment(r)]);
  }
  return {
    items: page.items.map((c) => presentComment(c, byParent.get(c.id) ?? [])),
    next: page.next,
    total,
  };
}

/** The published story a comments URL names by its slug (undefined: none, or not published). */
export async function commentedStoryBySlug(deps: Pick<CoreDeps, 'db'>, slug: string): Promise<Story | undefined> {
  const story = await storyBySlug(deps.db, slug);
  return story?.status === 'published' ? story : undefined;
}

/** The published story a comment is on (undefined: no such comment, or its story is not published). */
export async function commentedStoryOf(deps: Pick<CoreDeps, 'db'>, commentId: number): Promise<Story | undefined> {
  const story = await storyOfComment(deps.db, commentId);
  return story?.status === 'published' ? story : undefined;
}
