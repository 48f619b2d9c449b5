import { serve } from '@hono/node-server';
import { createDeps, jsonLog } from './boot.js';
import { serverWithCacheFastPath } from './cache/cache.fast-path.js';
import { forgetAfterRelayGap } from './cache/cache.invalidate.js';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { watchOtherWriters } from './db/sqlite-watch.js';
import { startEventRelay } from './live/relay.js';
import { configureSharp } from './media/sharp.js';
import { seedIfEmpty } from './seed/seed.demo.js';
import { startJobRunner } from './jobs/job.runner.js';
import { readerMailJobs, readersHousekeepingJob } from './readers/reader.jobs.js';
import { commentsCloseDueJob, commentsCloseJob } from './comments/comment.jobs.js';
import { publishDueJob } from './stories/story.jobs.js';
import { createDemoOwner } from './users/demo-owner.js';
import { webhookDeliveryJob } from './webhooks/webhook.job.js';
import { startWebhookOutbox } from './webhooks/webhook.outbox.js';
import {
  newsletterDeliverJob,
  newsletterStartJob,
  newslettersDueJob,
  startNewsletterDispatch,
} from './newsletters/newsletter.jobs.js';
import { createNewsletterSender } from './newsletters/newsletter.send.js';

/** The composition root: config → database → events → services → HTTP → listen. Nothing else wires itself. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  // Image work's share of the machine: libvips threads per image and its cache (the job bound is deps.imageGate).
  configureSharp(config.images);
  const deps = await createDeps(config);
  if (config.seedDemo && (await seedIfEmpty(deps))) await createDemoOwner(deps, (line) => process.stdout.write(line));
  // Newsletter issues go out in batches, each a job; the pace is shared by every process (MAIL_RATE_PER_SECOND).
  const newsletters = createNewsletterSender(deps, {
    batchSize: config.newsletters.batchSize,
    chunk: 50,
    ratePerSecond: config.newsletters.ratePerSecond,
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
  // Events cross to other processes (PostgreSQL LISTEN/NOTIFY or Redis). After a reconnect (a database or Redis
  // restart) the live hub catches up from the feed-event log, and what was kept in memory is dropped: events
  // sent while the relay was away may be lost.
  // (Not on the first connect: nothing is kept yet, and a start must not purge the CDN of everything.)
  let connected = false;
  const relay = await startEventRelay(deps, () => {
    if (connected) forgetAfterRelayGap(deps);
    connected = true;
    void deps.live.pull();
  });
  // Without a relay (embedded SQLite), commands run beside the server (imports, restores) reach it through the file itself.
  const stopWatch = relay ? () => {} : watchOtherWriters(deps, () => void deps.live.pull());
  deps.live.start();
  const app = createApp(deps);
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host, createServer: serverWithCacheFastPath(deps) },
    (info) => {
      jsonLog({
        msg: 'listening',
        url: config.publicUrl,
        port: info.port,
        database: deps.database.dialect,
        relay: relay?.kind ?? 'none',
        start_ms: Math.round(performance.now() - started),
      });
    },
  );

  server.on('error', (err: NodeJS.ErrnoException) => {
    const reason =
      err.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (set PORT to another one)`
        : err.message;
    jsonLog({ msg: 'failed to start', level: 'fatal', error: reason });
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLog({ msg: 'shutting down', signal });
    stopWatch();
    // Stop accepting connections; requests in flight finish, then the database closes cleanly.
    // Live streams never finish by themselves: end them (readers reconnect to another process).
    deps.live.close();
    server.close(async () => {
      await webhooks.stop();
      dispatch.stop();
      await dispatch.settled();
      await jobs.stop();
      deps.searchIndex.stop();
      await deps.searchIndex.settled();
      await relay?.close();
      await deps.mailer.close();
      await deps.database.close();
      jsonLog({ msg: 'stopped' });
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  jsonLog({ msg: 'failed to start', level: 'fatal', error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
