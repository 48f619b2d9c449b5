import { z } from 'zod';
import type { CoreDeps } from '../core.deps.js';
import { type JobHandler, defineJob } from '../jobs/job.types.js';
import { deleteRateEventsBefore } from './rate-limit.repo.js';
import { deleteEndedReaderSessions } from './reader-session.repo.js';
import { deleteExpiredTokens } from './reader.repo.js';

/** The recurring job that forgets what reader accounts no longer need. */
export const READERS_HOUSEKEEPING = 'readers.housekeeping';

/** Rate-limit attempts are kept this long (far longer than any window). */
const ATTEMPTS_KEPT_MS = 24 * 3600_000;
/** An expired link is kept this long, so following it late still says "expired", not "broken". */
const LINKS_KEPT_MS = 7 * 24 * 3600_000;
/** An ended session is kept this long (the data download lists recent ones). */
const SESSIONS_KEPT_MS = 30 * 24 * 3600_000;

/** Deletes old rate-limit attempts, long-expired links and long-ended sessions; returns how many of each. */
export async function readersHousekeeping(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  const now = deps.clock();
  return {
    attempts: await deleteRateEventsBefore(deps.db, now - ATTEMPTS_KEPT_MS),
    links: await deleteExpiredTokens(deps.db, now - LINKS_KEPT_MS),
    sessions: await deleteEndedReaderSessions(deps.db, now - SESSIONS_KEPT_MS),
  };
}

/** Housekeeping on the one job runner: a recurring job, hourly by default. */
export function readersHousekeepingJob(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'log'>,
  opts: { everyMs?: number } = {},
): JobHandler<Record<string, unknown>> {
  return defineJob({
    kind: READERS_HOUSEKEEPING,
    payload: z.object({}).passthrough(),
    everyMs: opts.everyMs ?? 3600_000,
    async run() {
      const gone = await readersHousekeeping(deps);
      if (gone.attempts + gone.links + gone.sessions) deps.log({ msg: 'readers housekeeping', ...gone });
    },
  });
}
