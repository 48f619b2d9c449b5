import type { AppDeps } from '../app.deps.js';
import type { NewsletterIssue, User } from '../db/database.js';
import { AppError, badRequest } from '../http/errors.js';
import type { JobQueue } from '../jobs/job.types.js';
import { LruMap } from '../lib/lru.js';
import { groupCommit } from '../lib/group-commit.js';
import { type CompiledMail, MailSendError } from '../mail/mailer.js';
import { assertCan } from '../users/user.policy.js';
import { storyById } from '../stories/story.repo.js';
import {
  claimDeliveries,
  deliveryIdRange,
  fanOutIssue,
  finishDelivery,
  finishSentDeliveries,
  issueById,
  markReaderBouncing,
  openDeliveries,
  recipientStates,
  reservePace,
  updateIssueIf,
} from './issue.repo.js';
import { getIssue } from './issue.service.js';
import { type IssueTemplate, personalize, renderIssueTemplate, testCopy } from './newsletter.email.js';
import { signingKey } from './newsletter.settings.js';

/** The job kind that sends one batch of an issue's deliveries. */
export const NEWSLETTER_DELIVER = 'newsletter.deliver';

/** One batch: an issue's deliveries with ids in [fromId, toId]; `round` counts its continuations. */
export interface BatchPayload {
  issueId: number;
  fromId: number;
  toId: number;
  round?: number;
}

export const batchJobKey = (b: Pick<BatchPayload, 'issueId' | 'fromId' | 'round'>) =>
  `${NEWSLETTER_DELIVER}:${b.issueId}:${b.fromId}${b.round ? `:${b.round}` : ''}`;

export interface SendOptions {
  /** Recipients per batch job. */
  batchSize: number;
  /** Messages of a batch claimed, paced and sent together. */
  chunk: number;
  /** Messages per second, all processes together (0: no limit). */
  ratePerSecond: number;
  /** Tries of one delivery before it is given up as failed (a temporary SMTP failure is tried again). */
  maxAttempts: number;
  /** Least wait before a delivery that failed for now is tried again. */
  retryAfterMs?: number;
  /**
   * How long one try of a batch sends before it hands the rest to a continuation job: the runner waits for its
   * pass to end, so a batch paced to a low rate must not keep the process's other jobs (scheduled publishing)
   * waiting for minutes.
   */
  budgetMs?: number;
}

type SendDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'log' | 'mailer' | 'lookups' | 'config' | 'media'>;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one batch run did. */
export interface BatchOutcome {
  sent: number;
  failed: number;
  bounced: number;
  skipped: number;
  /** The try ran out of time and left the rest to a continuation job. */
  continued?: boolean;
}

/**
 * Sends newsletter issues through the one job runner. Starting an issue writes, in one transaction, its status
 * (scheduled → sending), one delivery row per recipient (the unique (issue, reader) pair) and a batch job per
 * `batchSize` of those rows. A batch job claims its rows a chunk at a time with a conditional UPDATE (so no two
 * runners ever hold one row), paces them through the rate shared in the database, sends each and records each
 * outcome as soon as the SMTP server answers:
 * - 250: `sent` — never sent again;
 * - 5xx: `bounced`, and the reader is marked bouncing (nothing more goes to the address);
 * - anything else (4xx, a dropped connection): `failed`, and the batch throws so the runner retries it with
 *   its backoff, until the delivery has had `maxAttempts` tries.
 * A runner that dies mid-batch (kill -9) leaves its claimed rows `sending`; when its lease lapses another runner
 * takes the job and, as a later try, re-claims exactly those rows (held before the try began). A message whose
 * 250 was received is recorded at once; only one the server accepted in the instant before the kill (before its
 * 250 was read) can go twice, and then with the same Message-ID (see personalize).
 */
export function createNewsletterSender(deps: SendDeps, opts: SendOptions) {
  // Rendered and compiled once per process and issue version; a few issues go out at once at most.
  const templates = new LruMap<string, Promise<{ template: IssueTemplate; mail: CompiledMail }>>(16);
  const templateOf = (issue: NewsletterIssue) => {
    const key = `${issue.id}:${issue.updated_at}`;
    let t = templates.get(key);
    if (!t) {
      t = renderIssueTemplate(deps, issue).then((template) => ({ template, mail: deps.mailer.compile(template.mail) }));
      t.catch(() => templates.delete(key));
      templates.set(key, t);
    }
    return t;
  };
  // What the SMTP server accepted, recorded together: one UPDATE for all the answers that came during the last.
  const sentLog = groupCommit((rows: { id: number; messageId: string }[]) =>
    finishSentDeliveries(deps.db, rows, deps.clock()),
  );

  /**
   * Starts a due issue: renders it once to be sure it can be (a digest whose stories were all unpublished, a
   * story taken down: the issue is cancelled with the reason), then fans out and enqueues its batches in one
   * transaction. Resolves with the number of recipients, or null when it was not this call's to start.
   */
  async function startIssue(queue: Pick<JobQueue, 'enqueue'>, issueId: number): Promise<number | null> {
    const issue = await issueById(deps.db, issueId);
    if (issue?.status !== 'scheduled') return null;
    const now = deps.clock();
    // Not yet: its time is to come, or its story is not live (yet, or any more).
    if (
      issue.send_at !== null
        ? issue.send_at > now
        : (await storyById(deps.db, issue.story_id ?? 0))?.status !== 'published'
    )
      return null;
    try {
      await templateOf(issue);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const cancelled = await updateIssueIf(deps.db, issueId, ['scheduled'], {
        status: 'cancelled',
        last_error: err.message,
        updated_at: now,
      });
      if (cancelled) deps.events.publish({ type: 'newsletter.issue.updated', id: issueId, actor: 'system' });
      return null;
    }
    const recipients = await deps.db.transaction().execute(async (tx) => {
      const n = await fanOutIssue(tx, issueId, now);
      if (n === null) return null;
      const range = n > 0 ? await deliveryIdRange(tx, issueId) : null;
      if (!range) {
        await updateIssueIf(tx, issueId, ['sending'], { status: 'sent', sent_at: now, updated_at: now });
        return 0;
      }
      for (let from = range.min; from <= range.max; from += opts.batchSize)
        await queue.enqueue(tx, {
          kind: NEWSLETTER_DELIVER,
          payload: { issueId, fromId: from, toId: Math.min(range.max, from + opts.batchSize - 1) },
          dedupeKey: batchJobKey({ issueId, fromId: from }),
        });
      return n;
    });
    if (recipients !== null) {
      deps.events.publish({ type: 'newsletter.issue.updated', id: issueId, actor: 'system' });
      deps.log({ msg: 'newsletter issue started', issue: issueId, recipients });
    }
    return recipients;
  }

  /**
   * Sends one recipient's copy and records the outcome (an accepted one is stored before this resolves; a store
   * that fails rejects, as a send whose outcome is unknown).
   */
  async function sendOne(
    issue: { template: IssueTemplate; mail: CompiledMail },
    key: Buffer,
    row: { id: number; reader_id: number },
    email: string,
    out: BatchOutcome,
  ): Promise<void> {
    const copy = personalize(issue.template, key, { deliveryId: row.id, readerId: row.reader_id, email });
    let messageId: string;
    try {
      messageId = (await issue.mail.send(copy)).messageId;
    } catch (err) {
      const now = deps.clock();
      if (err instanceof MailSendError && err.permanent) {
        await finishDelivery(deps.db, row.id, { status: 'bounced', error: errorText(err), now });
        if (await markReaderBouncing(deps.db, row.reader_id, errorText(err), now))
          deps.events.publish({ type: 'reader.updated', id: row.reader_id, actor: 'system' });
        out.bounced++;
      } else {
        await finishDelivery(deps.db, row.id, { status: 'failed', error: errorText(err), now });
        out.failed++;
      }
      return;
    }
    await sentLog.add({ id: row.id, messageId });
    out.sent++;
  }

  /**
   * Runs one batch (a job's try): claims, paces and sends its deliveries until none is left to send; then, if
   * this was the issue's last open delivery, marks the issue sent. Throws when some failed temporarily, so the
   * runner tries the batch again later (only those rows are claimed again).
   */
  async function deliverBatch(
    b: BatchPayload,
    tryStartedAt: number,
    queue: Pick<JobQueue, 'enqueue'>,
    claim?: AbortSignal,
  ): Promise<BatchOutcome> {
    const out: BatchOutcome = { sent: 0, failed: 0, bounced: 0, skipped: 0 };
    const issue = await issueById(deps.db, b.issueId);
    // Removed with its newsletter, or cancelled by hand: nothing left to send.
    if (issue?.status !== 'sending') return out;
    const [compiled, key] = await Promise.all([templateOf(issue), signingKey(deps.db)]);
    const filter = {
      issueId: b.issueId,
      fromId: b.fromId,
      toId: b.toId,
      heldBefore: tryStartedAt,
      failedBefore: tryStartedAt - (opts.retryAfterMs ?? 60_000),
      maxAttempts: opts.maxAttempts,
    };
    const budgetEnds = tryStartedAt + (opts.budgetMs ?? 15_000);
    let outOfTime = false;
    for (;;) {
      // The job was taken over (this process stalled past its lease): its rows are the other runner's now.
      if (claim?.aborted) return out;
      if (deps.clock() >= budgetEnds) {
        outOfTime = true;
        break;
      }
      const rows = await claimDeliveries(deps.db, filter, deps.clock(), opts.chunk);
      if (rows.length === 0) break;
      const states = await recipientStates(
        deps.db,
        issue.newsletter_id,
        rows.map((r) => r.reader_id),
      );
      const go: { row: (typeof rows)[number]; email: string }[] = [];
      for (const row of rows) {
        const s = states.get(row.reader_id);
        // Unsubscribed, bouncing or erased since the issue started: not sent, and said so.
        if (!s?.subscribed || s.bouncing || s.deleted || !s.confirmed) {
          await finishDelivery(deps.db, row.id, { status: 'skipped', now: deps.clock() });
          out.skipped++;
        } else go.push({ row, email: s.email });
      }
      if (go.length === 0) continue;
      if (opts.ratePerSecond > 0) {
        const now = deps.clock();
        const at = await reservePace(deps.db, go.length, opts.ratePerSecond, now);
        if (at > now) await sleep(at - now);
      }
      await Promise.all(go.map((g) => sendOne(compiled, key, g.row, g.email, out)));
    }
    const range = { issueId: b.issueId, fromId: b.fromId, toId: b.toId, maxAttempts: opts.maxAttempts };
    // Out of time with rows still to send: the rest is a new job, so the process's other jobs get their turn.
    if (outOfTime && (await openDeliveries(deps.db, { ...range, only: 'pending' })) > 0) {
      const next = { ...b, round: (b.round ?? 0) + 1 };
      await queue.enqueue(deps.db, { kind: NEWSLETTER_DELIVER, payload: next, dedupeKey: batchJobKey(next) });
      out.continued = true;
      deps.log({ msg: 'newsletter batch', issue: b.issueId, from: b.fromId, to: b.toId, ...out });
      return out;
    }
    const retry = await openDeliveries(deps.db, { ...range, only: 'failed' });
    deps.log({ msg: 'newsletter batch', issue: b.issueId, from: b.fromId, to: b.toId, ...out, retry });
    if ((await openDeliveries(deps.db, { issueId: b.issueId, maxAttempts: opts.maxAttempts })) === 0) {
      const now = deps.clock();
      if (await updateIssueIf(deps.db, b.issueId, ['sending'], { status: 'sent', sent_at: now, updated_at: now })) {
        deps.events.publish({ type: 'newsletter.issue.updated', id: b.issueId, actor: 'system' });
        deps.log({ msg: 'newsletter issue sent', issue: b.issueId });
      }
    }
    if (retry > 0) throw new Error(`${retry} deliveries of issue ${b.issueId} failed for now; trying again later`);
    return out;
  }

  /** Marks sent the issues whose every delivery is done (a batch that died after its last send, say). */
  async function finishIssue(issueId: number): Promise<void> {
    if ((await openDeliveries(deps.db, { issueId, maxAttempts: opts.maxAttempts })) > 0) return;
    const now = deps.clock();
    if (await updateIssueIf(deps.db, issueId, ['sending'], { status: 'sent', sent_at: now, updated_at: now }))
      deps.events.publish({ type: 'newsletter.issue.updated', id: issueId, actor: 'system' });
  }

  return { startIssue, deliverBatch, finishIssue };
}

export type NewsletterSender = ReturnType<typeof createNewsletterSender>;

/**
 * A test of an issue to the editor's own address (desk): the reader's copy, marked "[Test]", sent at once
 * (not through the batches: it is one message, and the editor waits for it).
 */
export async function sendTestIssue(deps: SendDeps, issueId: number, user: User): Promise<void> {
  assertCan(user, 'newsletters.send', undefined, 'Only editors can send newsletter tests.');
  const issue = await getIssue(deps, issueId);
  const template = await renderIssueTemplate(deps, issue);
  const message = testCopy(template, await signingKey(deps.db), { deliveryId: 0, readerId: 0, email: user.email });
  try {
    await deps.mailer.send(message);
  } catch (err) {
    throw badRequest(`The test could not be sent: ${errorText(err)}`);
  }
}
