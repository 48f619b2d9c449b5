import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, DbHandle, Job, JobStatus } from '../db/database.js';

/** A job row to insert. */
export interface NewJob {
  kind: string;
  payload: string;
  runAt: number;
  maxAttempts: number;
  dedupeKey: string | null;
  now: number;
}

/** Inserts a job; null when its dedupe key is taken (another process enqueued the same work first). */
export async function insertJob(q: DbHandle, j: NewJob): Promise<number | null> {
  const row = await q
    .insertInto('jobs')
    .values({
      kind: j.kind,
      payload: j.payload,
      status: 'queued',
      run_at: j.runAt,
      attempts: 0,
      max_attempts: j.maxAttempts,
      locked_until: null,
      last_error: '',
      dedupe_key: j.dedupeKey,
      created_at: j.now,
      updated_at: j.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Due: queued and its time has come, or running under a lease that lapsed (its runner died). */
const due = (now: number) => (eb: ExpressionBuilder<Database, 'jobs'>) =>
  eb.or([
    eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
    eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
  ]);

/** Ids and kinds of due jobs of the given kinds, oldest due first. */
export async function dueJobs(
  q: DbHandle,
  kinds: string[],
  now: number,
  limit: number,
): Promise<{ id: number; kind: string }[]> {
  if (kinds.length === 0) return [];
  return q
    .selectFrom('jobs')
    .select(['id', 'kind'])
    .where('kind', 'in', kinds)
    .where(due(now))
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one job with a conditional UPDATE … RETURNING: the row comes back only if it was still due, so
 * among runners racing for it (in any process, on either engine) exactly one gets it.
 */
export async function claimJob(q: DbHandle, id: number, now: number, leaseMs: number): Promise<Job | null> {
  const row = await q
    .updateTable('jobs')
    .set({ status: 'running', locked_until: now + leaseMs, attempts: sql`attempts + 1`, updated_at: now })
    .where('id', '=', id)
    .where(due(now))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Extends a running try's lease (only its holder's: same attempt, still running). */
export async function renewJobLease(
  q: DbHandle,
  job: Pick<Job, 'id' | 'attempts'>,
  lockedUntil: number,
  now: number,
): Promise<boolean> {
  const r = await q
    .updateTable('jobs')
    .set({ locked_until: lockedUntil, updated_at: now })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How a claimed try ended: done, queued again (at `runAt`), or failed. */
export interface JobOutcome {
  status: Exclude<JobStatus, 'running'>;
  runAt: number;
  error: string;
  /** Recurring jobs start counting failures afresh after a success. */
  attempts?: number;
  now: number;
}

/**
 * Records a try's outcome. Only the holder of the claim (still running, same attempt number) may: a runner
 * whose lease lapsed and whose job was taken over changes nothing. Resolves with whether it counted.
 */
export async function finishJob(q: DbHandle, job: Pick<Job, 'id' | 'attempts'>, o: JobOutcome): Promise<boolean> {
  const r = await q
    .updateTable('jobs')
    .set({
      status: o.status,
      run_at: o.runAt,
      locked_until: null,
      last_error: o.error.slice(0, 1000),
      updated_at: o.now,
      ...(o.attempts === undefined ? {} : { attempts: o.attempts }),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Jobs waiting, running or failed (done ones are not listed): failed first, then running, then by due time. */
export async function openJobs(q: DbHandle, limit: number): Promise<Job[]> {
  return q
    .selectFrom('jobs')
    .selectAll()
    .where('status', 'in', ['queued', 'running', 'failed'])
    .orderBy(sql`case status when 'failed' then 0 when 'running' then 1 else 2 end`)
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many jobs are in each status. */
export async function jobCounts(q: DbHandle): Promise<Partial<Record<JobStatus, number>>> {
  const rows = await q
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function jobById(q: DbHandle, id: number): Promise<Job | undefined> {
  return q.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Queues a failed job again, due now, with a fresh count of tries. False if it was not failed. */
export async function requeueFailedJob(q: DbHandle, id: number, now: number): Promise<boolean> {
  const r = await q
    .updateTable('jobs')
    .set({ status: 'queued', run_at: now, attempts: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Drops queued jobs by dedupe key (work that no longer has a reason to run); running ones finish. */
export async function cancelQueuedJobs(q: DbHandle, dedupeKeys: string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const r = await q
    .deleteFrom('jobs')
    .where('dedupe_key', 'in', dedupeKeys)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes done jobs last touched before `before` (their dedupe keys stop guarding then). */
export async function pruneDoneJobs(q: DbHandle, before: number): Promise<number> {
  const r = await q.deleteFrom('jobs').where('status', '=', 'done').where('updated_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
