import type { DbHandle } from '../db/database.js';
import { insertJob } from './job.repo.js';
import { JOB_DEFAULTS, type JobQueue, type JobSpec } from './job.types.js';

/**
 * The job queue faces and services get in AppDeps (`deps.jobs`): it exists before the runner starts, and the
 * composition root attaches the process's runner to it (main.ts, the test env).
 */
export interface AppJobQueue extends JobQueue {
  /** Hands enqueues (with the registered kinds' settings) and kicks to this process's runner. */
  attach(runner: JobQueue): void;
}

/**
 * A queue that writes each job at once, in the caller's transaction. Until a runner is attached (a command, not
 * the server) a kick does nothing: the server's runner finds the work at its next poll.
 */
export function createJobQueue(deps: { clock: () => number }): AppJobQueue {
  let runner: JobQueue | null = null;
  return {
    enqueue: (q, spec) => (runner ? runner.enqueue(q, spec) : insertJobSpec(q, spec, deps.clock())),
    kick: () => runner?.kick(),
    attach(r) {
      runner = r;
    },
  };
}

/** Writes the row of a job to add: due now unless said, with the given tries (else the spec's, else 5). */
export function insertJobSpec(
  q: DbHandle,
  spec: JobSpec,
  now: number,
  maxAttempts: number = JOB_DEFAULTS.maxAttempts,
): Promise<number | null> {
  return insertJob(q, {
    kind: spec.kind,
    payload: JSON.stringify(spec.payload ?? {}),
    runAt: spec.runAt ?? now,
    maxAttempts: spec.maxAttempts ?? maxAttempts,
    dedupeKey: spec.dedupeKey ?? null,
    now,
  });
}
