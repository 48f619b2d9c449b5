import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import type { DomainEvent } from '../events/events.js';
import { type JobHandler, type JobQueue, defineJob } from '../jobs/job.types.js';
import { dueIssueIds, issueById, sendingIssueIds, waitingStoryIssues } from './issue.repo.js';
import { makeDailyDigests } from './issue.service.js';
import { NEWSLETTER_DELIVER, type NewsletterSender } from './newsletter.send.js';

/** The recurring pass: daily digests, issues due, issues whose sending is over. */
export const NEWSLETTERS_DUE = 'newsletters.due';
/** Starts one issue as soon as it is due (enqueued when it is scheduled, or when its story goes live). */
export const NEWSLETTER_START = 'newsletter.start';

const startKey = (issueId: number, sendAt: number | null) =>
  `${NEWSLETTER_START}:${issueId}:${sendAt === null ? 'story' : sendAt}`;

type JobDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'lookups' | 'config' | 'log'>;

/**
 * The recurring newsletter pass (every 30 s): makes the daily digests whose hour has come, starts every issue
 * that is due (its time passed, or its story is live) and closes issues whose deliveries are all done. It is
 * the safety net under the `newsletter.start` jobs (a process that stopped between writing an issue and
 * enqueueing its start), so nothing due waits longer than one pass.
 */
export function newslettersDueJob(
  deps: JobDeps,
  sender: NewsletterSender,
  opts: { everyMs?: number } = {},
): JobHandler<Record<string, unknown>> {
  return defineJob({
    kind: NEWSLETTERS_DUE,
    payload: z.object({}).passthrough(),
    everyMs: opts.everyMs ?? 30_000,
    retryBaseMs: 5_000,
    leaseMs: 5 * 60_000,
    async run(_p, ctx) {
      await makeDailyDigests(deps);
      let started = 0;
      for (const id of await dueIssueIds(deps.db, deps.clock()))
        if ((await sender.startIssue(ctx.queue, id)) !== null) started++;
      for (const id of await sendingIssueIds(deps.db)) await sender.finishIssue(id);
      if (started) ctx.queue.kick();
    },
  });
}

/** `newsletter.start`: starts one issue (fan-out and batches); nothing when it is not due or already started. */
export function newsletterStartJob(_deps: JobDeps, sender: NewsletterSender): JobHandler<{ issueId: number }> {
  return defineJob({
    kind: NEWSLETTER_START,
    payload: z.object({ issueId: z.number().int().positive() }),
    retryBaseMs: 10_000,
    async run({ issueId }, ctx) {
      if ((await sender.startIssue(ctx.queue, issueId)) !== null) ctx.queue.kick();
    },
  });
}

/**
 * `newsletter.deliver`: sends one batch of an issue (newsletter.send.ts). Its claim is renewed while it runs (a
 * batch paced to the rate may take minutes); a runner that dies mid-batch loses it to another within
 * MAIL_BATCH_LEASE_SECONDS. Temporary failures are retried with backoff.
 */
export function newsletterDeliverJob(
  deps: Pick<AppDeps, 'config'>,
  sender: NewsletterSender,
): JobHandler<{ issueId: number; fromId: number; toId: number; round?: number | undefined }> {
  return defineJob({
    kind: NEWSLETTER_DELIVER,
    payload: z.object({
      issueId: z.number().int().positive(),
      fromId: z.number().int().positive(),
      toId: z.number().int().positive(),
      round: z.number().int().min(0).optional(),
    }),
    maxAttempts: 8,
    retryBaseMs: 60_000,
    retryMaxMs: 30 * 60_000,
    leaseMs: deps.config.newsletters.leaseMs,
    renewLease: true,
    async run(batch, ctx) {
      if ((await sender.deliverBatch(batch, ctx.startedAt, ctx.queue, ctx.signal)).continued) ctx.queue.kick();
    },
  });
}

/** Enqueues the start of an issue that became due or got a time, and kicks the runner. */
async function onEvent(deps: JobDeps, jobs: JobQueue, event: DomainEvent): Promise<void> {
  if (event.type === 'newsletter.issue.updated') {
    const issue = await issueById(deps.db, event.id);
    if (issue?.status !== 'scheduled') return;
    await jobs.enqueue(deps.db, {
      kind: NEWSLETTER_START,
      payload: { issueId: issue.id },
      runAt: issue.send_at ?? deps.clock(),
      dedupeKey: startKey(issue.id, issue.send_at),
    });
    jobs.kick();
  } else if (event.type === 'story.published') {
    const waiting = await waitingStoryIssues(deps.db, event.id);
    for (const issue of waiting.filter((i) => i.send_at === null))
      await jobs.enqueue(deps.db, {
        kind: NEWSLETTER_START,
        payload: { issueId: issue.id },
        dedupeKey: startKey(issue.id, null),
      });
    if (waiting.length) jobs.kick();
  }
}

/**
 * Listens for this process's issue and story events and enqueues each issue's start at its time (a story
 * issue: when the story is published), so an editor's "Send now" goes out at once rather than at the next pass.
 */
export function startNewsletterDispatch(deps: JobDeps, jobs: JobQueue): { settled(): Promise<void>; stop(): void } {
  const pending = new Set<Promise<unknown>>();
  const unsubscribe = deps.events.subscribe(
    (event) => {
      const p = onEvent(deps, jobs, event);
      pending.add(p);
      p.finally(() => pending.delete(p)).catch(() => {});
      return p;
    },
    { ownOnly: true },
  );
  return {
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    stop: unsubscribe,
  };
}
