import type { AppDeps } from './app.deps.js';
import { type JobRunner, startJobRunner } from './jobs/job.runner.js';
import {
  newsletterDeliverJob,
  newsletterStartJob,
  newslettersDueJob,
  startNewsletterDispatch,
} from './newsletters/newsletter.jobs.js';
import { createNewsletterSender } from './newsletters/newsletter.send.js';
import { billingMailJobs } from './billing/payment.jobs.js';
import { readerMailJobs, readersHousekeepingJob } from './readers/reader.jobs.js';
import { publishDueJob } from './stories/story.jobs.js';
import { webhookDeliveryJob } from './webhooks/webhook.job.js';
import { startWebhookOutbox } from './webhooks/webhook.outbox.js';
import { commentsCloseDueJob, commentsCloseJob } from './comments/comment.jobs.js';

/** A process's background work, running: the job runner (to enqueue on) and how to stop it all. */
export interface BackgroundWork {
  jobs: JobRunner;
  /** Stops listening for events, waits for what they started, then stops the runner after its pass. */
  stop(): Promise<void>;
}

/**
 * Starts the background work every server process runs: the one job runner with a handler per job kind, the
 * newsletter dispatch and the webhook outbox that feed it from events. main.ts calls it; so does the mail
 * benchmark (bench/mail.ts), so it measures the wiring production runs.
 */
export async function startBackgroundWork(deps: AppDeps): Promise<BackgroundWork> {
  // Newsletter issues go out in batches, each a job; the pace is shared by every process (MAIL_RATE_PER_SECOND).
  const newsletters = createNewsletterSender(deps, {
    batchSize: deps.config.newsletters.batchSize,
    chunk: 50,
    ratePerSecond: deps.config.newsletters.ratePerSecond,
    maxAttempts: 5,
  });
  // The one runner of background work, with a handler per job kind. Every process runs one: claims are atomic.
  const jobs = await startJobRunner(deps, [
    // Publishes scheduled stories and updates when due (a recurring job).
    publishDueJob(deps),
    // Sends one webhook delivery, retried with backoff.
    webhookDeliveryJob(deps),
    // Forgets old rate-limit attempts, long-expired sign-in links and long-ended reader sessions (hourly).
    readersHousekeepingJob(deps),
    // Readers' account mail (sign-in, sign-up and email-change links, the old address's notice), retried with backoff.
    ...readerMailJobs(deps),
    ...billingMailJobs(deps),
    // Comments closing by time ("close after N days"): the pass that queues them, and each close (purges its comments).
    commentsCloseDueJob(deps),
    commentsCloseJob(deps),
    // Newsletters: the recurring pass (daily digests, due issues), an issue's start, one batch of its sending.
    newslettersDueJob(deps, newsletters),
    newsletterStartJob(deps, newsletters),
    newsletterDeliverJob(deps, newsletters),
  ]);
  // Faces and services add work through deps.jobs: from here on, with this runner's settings and kicks.
  deps.jobs.attach(jobs);
  // Starts an issue as soon as an editor sends it or its story goes live.
  const dispatch = startNewsletterDispatch(deps, jobs);
  // Writes webhook deliveries (and the jobs that send them) for story events.
  const webhooks = startWebhookOutbox(deps, jobs);
  return {
    jobs,
    async stop() {
      await webhooks.stop();
      dispatch.stop();
      await dispatch.settled();
      await jobs.stop();
    },
  };
}
