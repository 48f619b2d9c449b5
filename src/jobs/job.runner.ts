import type { Job, DbHandle } from '../db/database.js';
import { insertJobSpec } from './job.queue.js';
import { claimJob, dueJobs, finishJob, pruneDoneJobs, renewJobLease } from './job.repo.js';
import {
  JOB_DEFAULTS,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobSpec,
  type ResolvedHandler,
  retryDelay,
} from './job.types.js';

export interface RunnerOptions {
  /** How often to look for due jobs (retries, recurring jobs, work other processes enqueued). 0: only on tick/kick. */
  pollMs?: number;
  /** Jobs claimed and run at once per pass. */
  batch?: number;
  /** Run work enqueued in this process at once (kick), instead of at the next poll. */
  eager?: boolean;
  /** How long done jobs are kept (their dedupe keys guard as long). */
  keepDoneMs?: number;
}

/** A running job runner: the queue to add work to, plus the loop. */
export interface JobRunner extends JobQueue {
  /** Claims the due jobs of the registered kinds and runs them; resolves with how many it ran. */
  tick(): Promise<number>;
  /** Resolves once every pass kicked so far has finished. */
  settled(): Promise<void>;
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
}

type Deps = { db: DbHandle; clock: () => number; log: (fields: Record<string, unknown>) => void };

const DEFAULTS: Required<RunnerOptions> = { pollMs: 5_000, batch: 10, eager: true, keepDoneMs: 7 * 86400_000 };
const PRUNE_EVERY_MS = 3600_000;

/** An error marked `permanent: true` (MailSendError of a 5xx): trying again will not help. */
const isPermanent = (e: unknown) => (e as { permanent?: unknown } | null)?.permanent === true;

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The one runner of background work. Every process may run one: each pass selects due jobs of the kinds
 * registered here, claims each with a conditional UPDATE (one runner wins a job, across processes and on
 * both engines), runs its handler, and marks it done, queues it again after an exponential backoff, or,
 * after its last try, marks it failed. A claim is a lease: a runner that dies mid-job loses the job to
 * another once `locked_until` passes. Recurring kinds are ensured as one row each at start.
 * The clock comes with deps, so a test moves time and calls tick().
 */
export async function startJobRunner(
  deps: Deps,
  // biome-ignore lint/suspicious/noExplicitAny: each handler parses its own payload type; the list holds every kind.
  handlers: JobHandler<any>[],
  options: RunnerOptions = {},
): Promise<JobRunner> {
  // An option passed as undefined keeps its default.
  const o = {
    ...DEFAULTS,
    ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as RunnerOptions),
  };
  const byKind = new Map<string, ResolvedHandler>();
  for (const h of handlers) {
    if (byKind.has(h.kind)) throw new Error(`job kind ${h.kind} registered twice`);
    byKind.set(h.kind, {
      ...JOB_DEFAULTS,
      ...(Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as JobHandler),
    } as ResolvedHandler);
  }
  const kinds = [...byKind.keys()];
  const pending = new Set<Promise<unknown>>();
  let running: Promise<number> | null = null;
  let stopped = false;
  let prunedAt = Number.NEGATIVE_INFINITY;

  const enqueue = (q: DbHandle, spec: JobSpec): Promise<number | null> =>
    insertJobSpec(q, spec, deps.clock(), byKind.get(spec.kind)?.maxAttempts);

  const kick = () => {
    if (o.eager && !stopped) void track(drain()).catch(failed);
  };

  // One row per recurring kind, whichever process starts first.
  for (const h of byKind.values()) if (h.everyMs) await enqueue(deps.db, { kind: h.kind, dedupeKey: h.kind });

  async function run(job: Job): Promise<void> {
    const h = byKind.get(job.kind)!;
    const recurring = h.everyMs !== undefined;
    const claim = new AbortController();
    const ctx: JobContext = {
      id: job.id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      lastAttempt: !recurring && job.attempts >= job.max_attempts,
      retryDelayMs: recurring ? Math.min(h.everyMs!, retryDelay(h, job.attempts)) : retryDelay(h, job.attempts),
      startedAt: deps.clock(),
      queue: { enqueue, kick },
      signal: claim.signal,
    };
    let payload: unknown;
    try {
      payload = h.payload.parse(JSON.parse(job.payload));
    } catch (e) {
      const now = deps.clock();
      await finishJob(deps.db, job, { status: 'failed', runAt: now, error: `bad payload: ${errorText(e)}`, now });
      deps.log({ msg: 'job failed', level: 'error', kind: job.kind, job: job.id, error: 'bad payload', final: true });
      return;
    }
    // A kind that asks for it keeps its claim while the try runs (and loses it within a lease once the process dies).
    const renewing = h.renewLease
      ? setInterval(
          () => {
            const now = deps.clock();
            renewJobLease(deps.db, job, now + h.leaseMs, now)
              .then((held) => {
                if (!held && !claim.signal.aborted) {
                  claim.abort();
                  deps.log({ msg: 'job lost its claim', level: 'warn', kind: job.kind, job: job.id });
                }
              })
              .catch(failed);
          },
          Math.max(250, Math.floor(h.leaseMs / 3)),
        )
      : null;
    renewing?.unref();
    try {
      await h.run(payload, ctx);
      if (renewing) clearInterval(renewing);
      const now = deps.clock();
      if (recurring)
        await finishJob(deps.db, job, { status: 'queued', runAt: now + h.everyMs!, error: '', attempts: 0, now });
      else await finishJob(deps.db, job, { status: 'done', runAt: now, error: '', now });
    } catch (e) {
      if (renewing) clearInterval(renewing);
      const now = deps.clock();
      const error = errorText(e);
      // A failure that says no retry can help (a mail server's 5xx) ends a one-off job at once.
      const final = ctx.lastAttempt || (!recurring && isPermanent(e));
      const status = final ? 'failed' : 'queued';
      await finishJob(deps.db, job, { status, runAt: final ? now : now + ctx.retryDelayMs, error, now });
      deps.log({
        msg: 'job failed',
        level: 'warn',
        kind: job.kind,
        job: job.id,
        attempt: job.attempts,
        error,
        final,
      });
    }
  }

  async function pass(): Promise<number> {
    const now = deps.clock();
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now;
      await pruneDoneJobs(deps.db, now - o.keepDoneMs);
    }
    const candidates = await dueJobs(deps.db, kinds, now, o.batch);
    const claimed = (
      await Promise.all(candidates.map((c) => claimJob(deps.db, c.id, now, byKind.get(c.kind)!.leaseMs)))
    ).filter((j) => j !== null);
    await Promise.all(claimed.map(run));
    return claimed.length;
  }

  // One pass at a time in this process; a kick during a pass becomes the next pass.
  async function tick(): Promise<number> {
    while (running) await running.catch(() => 0);
    running = pass().finally(() => {
      running = null;
    });
    return running;
  }

  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };
  const failed = (e: unknown) => deps.log({ msg: 'job runner failed', level: 'error', error: errorText(e) });

  // The loop's passes go on while they come back full, so a backlog (after an outage) drains at once.
  const drain = async () => {
    while (!stopped && (await tick()) === o.batch);
  };
  const timer = o.pollMs > 0 ? setInterval(() => void (stopped || drain().catch(failed)), o.pollMs) : null;
  timer?.unref();

  const settled = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return {
    enqueue,
    kick,
    tick,
    settled,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await settled();
      await running?.catch(() => 0);
    },
  };
}
