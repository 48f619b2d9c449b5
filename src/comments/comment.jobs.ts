import { z } from 'zod';
import { type JobHandler, defineJob } from '../jobs/job.types.js';
import {
  COMMENTS_CLOSE,
  type CommentsClose,
  announceCommentsClosed,
  queueCommentCloses,
} from './comment-close.service.js';
import type { CommentDeps } from './comment.service.js';

/** The recurring job that queues the comment closes coming up. */
export const COMMENTS_CLOSE_DUE = 'comments.close-due';

/**
 * Comments closing by time ("close after N days"), on the job runner: a recurring pass, every `everyMs` (10 min by
 * default), queues one `comments.close` job per story closing before the next pass (and any a stopped runner
 * missed), due at the story's close; that job publishes `comments.closed`, which purges the story's cached
 * comments. A cached fragment so stops offering the form when the comments close, within the runner's poll.
 */
export function commentsCloseDueJob(
  deps: CommentDeps,
  opts: { everyMs?: number } = {},
): JobHandler<Record<string, unknown>> {
  const everyMs = opts.everyMs ?? 10 * 60_000;
  return defineJob({
    kind: COMMENTS_CLOSE_DUE,
    payload: z.object({}).passthrough(),
    everyMs,
    async run(_payload, ctx) {
      // Twice the pace ahead: a pass that runs late still finds the closes before the next one.
      await queueCommentCloses(deps, ctx.queue, 2 * everyMs);
    },
  });
}

const CloseSchema: z.ZodType<CommentsClose> = z.object({
  storyId: z.number().int().positive(),
  closesAt: z.number().int(),
});

/** One story's comments closing: publishes `comments.closed` at the time (see `announceCommentsClosed`). */
export function commentsCloseJob(deps: CommentDeps): JobHandler<CommentsClose> {
  return defineJob({
    kind: COMMENTS_CLOSE,
    payload: CloseSchema,
    async run(close) {
      await announceCommentsClosed(deps, close);
    },
  });
}
