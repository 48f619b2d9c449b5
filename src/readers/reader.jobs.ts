import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import type { CoreDeps } from '../core.deps.js';
import type { DbHandle } from '../db/database.js';
import { type JobHandler, type JobQueue, defineJob } from '../jobs/job.types.js';
import { type EmailChangedNotice, type LinkMail, sendEmailChangedNotice, sendLinkMail } from './reader.mail.js';
import { deleteRateEventsBefore } from './rate-limit.repo.js';
import { deleteEndedReaderSessions } from './reader-session.repo.js';
import { deleteExpiredTokens } from './reader.repo.js';

/** Sends one sign-in, sign-up or email-change link (reader.mail.ts), retried with backoff while SMTP is away. */
export const READER_LINK_MAIL = 'reader.link-mail';
/** Tells an account's old address that its email changed. */
export const READER_EMAIL_CHANGED = 'reader.email-changed';

/** The kinds whose payloads hold a reader's addresses (and their id): an erased account's are deleted with it. */
export const READER_MAIL_JOBS = [READER_LINK_MAIL, READER_EMAIL_CHANGED] as const;

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

/**
 * Reader mail's retries: a link is wanted now, so the first waits are short (15 s, doubling to at most 10 min,
 * eight tries: about 25 minutes in all); a 5xx (the address refuses mail) ends the job at once.
 */
const MAIL_RETRIES = { maxAttempts: 8, retryBaseMs: 15_000, retryMaxMs: 10 * 60_000 } as const;

const LinkMailPayload: z.ZodType<LinkMail> = z.object({
  readerId: z.number().int().positive(),
  to: z.string().min(3).max(254),
  purpose: z.enum(['sign-in', 'email-change']),
  kind: z.enum(['signIn', 'signUp', 'change']),
  language: z.string().min(2).max(20),
  link: z.object({ newsletters: z.array(z.number().int().positive()).max(50), next: z.string().max(500) }),
});

const EmailChangedPayload: z.ZodType<EmailChangedNotice> = z.object({
  readerId: z.number().int().positive(),
  oldEmail: z.string().min(3).max(254),
  newEmail: z.string().min(3).max(254),
  language: z.string().min(2).max(20),
});

type MailJobDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'lookups' | 'mailer' | 'log'>;

/** The jobs that send readers' account mail: link emails and the old address's notice of a change. */
export function readerMailJobs(deps: MailJobDeps): [JobHandler<LinkMail>, JobHandler<EmailChangedNotice>] {
  return [
    defineJob({
      kind: READER_LINK_MAIL,
      payload: LinkMailPayload,
      ...MAIL_RETRIES,
      run: (m) => sendLinkMail(deps, m),
    }),
    defineJob({
      kind: READER_EMAIL_CHANGED,
      payload: EmailChangedPayload,
      ...MAIL_RETRIES,
      run: (n) => sendEmailChangedNotice(deps, n),
    }),
  ];
}

/** Adds the job that sends a link email (in `q`'s transaction); the caller kicks the queue once it is committed. */
export function queueLinkMail(jobs: Pick<JobQueue, 'enqueue'>, q: DbHandle, m: LinkMail): Promise<number | null> {
  return jobs.enqueue(q, { kind: READER_LINK_MAIL, payload: m });
}

/** Adds the job that tells the old address of a change (in the transaction that makes the change). */
export function queueEmailChangedNotice(
  jobs: Pick<JobQueue, 'enqueue'>,
  q: DbHandle,
  n: EmailChangedNotice,
): Promise<number | null> {
  return jobs.enqueue(q, { kind: READER_EMAIL_CHANGED, payload: n });
}
