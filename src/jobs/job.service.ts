import type { Job, JobStatus, DbHandle } from '../db/database.js';
import { conflict, notFound } from '../http/errors.js';
import { jobById, jobCounts, openJobs, requeueFailedJob } from './job.repo.js';

/** What the desk shows of a job (the payload stays out: it is the handler's business). */
export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** When it is due next (queued), or when it stopped (failed). */
  runAt: number;
  /** While running: when its claim lapses. */
  lockedUntil: number | null;
  lastError: string;
  createdAt: number;
  updatedAt: number;
}

const present = (j: Job): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.max_attempts,
  runAt: j.run_at,
  lockedUntil: j.locked_until,
  lastError: j.last_error,
  createdAt: j.created_at,
  updatedAt: j.updated_at,
});

/** Jobs that are queued, running or failed (failed first), and how many there are in each status. */
export async function listOpenJobs(
  db: DbHandle,
  limit = 200,
): Promise<{ jobs: JobView[]; counts: Partial<Record<JobStatus, number>> }> {
  const [jobs, counts] = await Promise.all([openJobs(db, limit), jobCounts(db)]);
  return { jobs: jobs.map(present), counts };
}

/** Queues a failed job again, due now, with its tries counted afresh. */
export async function retryJob(deps: { db: DbHandle; clock: () => number }, id: number): Promise<void> {
  if (await requeueFailedJob(deps.db, id, deps.clock())) return;
  if (!(await jobById(deps.db, id))) throw notFound('job');
  throw conflict('Only a failed job can be retried; this one is queued, running or done.');
}
