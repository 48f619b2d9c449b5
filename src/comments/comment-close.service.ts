import type { JobQueue } from '../jobs/job.types.js';
import { storyById } from '../stories/story.repo.js';
import type { CommentDeps } from './comment.service.js';
import { commentsCloseAt, commentsState } from './comment.service.js';
import { openStoriesPublishedBetween } from './comment.repo.js';

/** The job kind that announces one story's comments closing by time (comments.jobs.ts registers it). */
export const COMMENTS_CLOSE = 'comments.close';

const DAY_MS = 86_400_000;
/**
 * How far back a pass looks for closes it has not queued yet (a runner that was away for less than this misses
 * none). Well under the runner's 7 days of keeping done jobs, whose dedupe keys make each close queued once.
 */
const LOOK_BACK_MS = DAY_MS;

/** The payload of one close: the story and the time the rule closed it at when it was queued. */
export interface CommentsClose {
  storyId: number;
  closesAt: number;
}

/**
 * Queues one `comments.close` job, due at its time, for every story whose comments the site's rule
 * (`closeAfterDays`) closes from `LOOK_BACK_MS` ago to `aheadMs` from now, once per story and time (the dedupe
 * key carries the time, so a changed rule queues the new one). Returns how many were new.
 */
export async function queueCommentCloses(deps: CommentDeps, queue: JobQueue, aheadMs: number): Promise<number> {
  const { comments: rules } = await deps.lookups.settings();
  if (!rules.enabled || rules.closeAfterDays <= 0) return 0;
  const now = deps.clock();
  const shift = rules.closeAfterDays * DAY_MS;
  const stories = await openStoriesPublishedBetween(deps.db, now - LOOK_BACK_MS - shift, now + aheadMs - shift);
  let queued = 0;
  for (const story of stories) {
    const closesAt = commentsCloseAt(story, rules);
    if (closesAt === null) continue;
    const payload: CommentsClose = { storyId: story.id, closesAt };
    const id = await queue.enqueue(deps.db, {
      kind: COMMENTS_CLOSE,
      payload,
      runAt: closesAt,
      dedupeKey: `${COMMENTS_CLOSE}:${story.id}:${closesAt}`,
    });
    if (id !== null) queued++;
  }
  if (queued) queue.kick();
  return queued;
}

/**
 * Publishes `comments.closed` for a story whose comments the site's rule has closed at `closesAt`, which purges
 * its cached comments (here, at the CDN and in other processes). Nothing when that no longer holds: the rule or
 * the story changed since (and their own events purged what they changed). Returns whether it published.
 */
export async function announceCommentsClosed(deps: CommentDeps, close: CommentsClose): Promise<boolean> {
  const [story, { comments: rules }] = await Promise.all([storyById(deps.db, close.storyId), deps.lookups.settings()]);
  if (story?.comments !== 'on' || commentsCloseAt(story, rules) !== close.closesAt) return false;
  if (commentsState(story, rules, deps.clock()) !== 'closed') return false;
  deps.events.publish({ type: 'comments.closed', id: story.id, actor: 'scheduler' });
  return true;
}
