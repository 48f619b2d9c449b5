import type { z } from 'zod';
import type { DbHandle } from '../db/database.js';

/** What a handler learns about the try it is running. */
export interface JobContext {
  id: number;
  /** This try's number, from 1. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now ends the job as failed (never for recurring jobs). */
  lastAttempt: boolean;
  /** How long the runner waits before the next try if this one fails. */
  retryDelayMs: number;
  /** When this try started (the runner's clock): work a previous try of this job left half-done is older. */
  startedAt: number;
  /** To add follow-up work (in the handler's transaction if it has one); kick it once that is committed. */
  queue: JobQueue;
  /**
   * Aborted when this try has lost its claim (a lease renewal found the job taken over, e.g. after the process
   * stalled past its lease): a long try stops taking new work, which another runner now owns.
   */
  signal: AbortSignal;
}

/**
 * One kind of background work, registered with the runner in the composition root. The handler gets its
 * dependencies when it is built (a closure), and its payload parsed by `payload` (a zod schema): a payload
 * that does not parse fails the job at once, as no retry could fix it. Throwing from `run` is a failed try; an
 * error with `permanent: true` (MailSendError of an SMTP 5xx) fails a one-off job at once.
 */
export interface JobHandler<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Tries before the job is given up as failed (default 5). */
  maxAttempts?: number;
  /** Wait after the first failure; doubles after each further one (default 30 s). */
  retryBaseMs?: number;
  /** Longest wait between tries (default 1 h). */
  retryMaxMs?: number;
  /** How long a claim lasts; a runner that dies mid-job loses it to another after this (default 60 s). */
  leaseMs?: number;
  /**
   * Keep the claim while the try runs: the runner renews the lease every third of it, so a long try (a newsletter
   * batch paced to a rate) is never taken over while its process lives, and is within `leaseMs` once it dies.
   */
  renewLease?: boolean;
  /**
   * Makes the kind recurring: the runner keeps exactly one job of it (dedupe key = kind) and, after each
   * run, queues it again `everyMs` later. A failed run is retried at the same pace and never ends as failed.
   */
  everyMs?: number;
}

/** Declares a handler with its payload type inferred from the schema. */
export function defineJob<P>(handler: JobHandler<P>): JobHandler<P> {
  return handler;
}

/** Handler settings with their defaults filled in. */
export type ResolvedHandler = JobHandler<unknown> &
  Required<Pick<JobHandler, 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs' | 'leaseMs'>>;

export const JOB_DEFAULTS = { maxAttempts: 5, retryBaseMs: 30_000, retryMaxMs: 3600_000, leaseMs: 60_000 } as const;

/** The wait before the try after `attempt` failed: base, doubling each time, capped. */
export function retryDelay(h: Pick<ResolvedHandler, 'retryBaseMs' | 'retryMaxMs'>, attempt: number): number {
  return Math.min(h.retryMaxMs, h.retryBaseMs * 2 ** Math.max(0, attempt - 1));
}

/** A job to add. */
export interface JobSpec {
  kind: string;
  payload?: unknown;
  /** When it is first due (default now). */
  runAt?: number;
  /** Enqueueing again with the same key does nothing (while the first job's row exists). */
  dedupeKey?: string;
  /** Default: the registered handler's, else 5. */
  maxAttempts?: number;
}

/** What services and listeners get to add work: enqueue (in their transaction), then kick after it commits. */
export interface JobQueue {
  /** Adds the job; resolves with its id, or null when a job with the same dedupe key exists. */
  enqueue(q: DbHandle, spec: JobSpec): Promise<number | null>;
  /** Asks this process's runner to look for due jobs now instead of at its next poll. */
  kick(): void;
}
