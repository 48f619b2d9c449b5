import { type ExpressionBuilder, type Insertable, type Updateable, sql } from 'kysely';
import type {
  Database,
  DbHandle,
  NewsletterDeliveryStatus,
  NewsletterIssue,
  NewsletterIssueStatus,
  NewsletterIssueTable,
} from '../db/database.js';
import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/** The desk's list of issues: newest first, on (created_at, id). */
export const issueListCursor = cursorCodec({ createdAt: 'int', id: 'id' });
export const issueListKeys = (r: Pick<NewsletterIssue, 'created_at' | 'id'>): CursorOf<typeof issueListCursor> => ({
  createdAt: r.created_at,
  id: r.id,
});

/** Adds an issue; with a dedupe key already taken, nothing is added and it resolves undefined. */
export async function insertIssue(
  db: DbHandle,
  row: Insertable<NewsletterIssueTable>,
): Promise<NewsletterIssue | undefined> {
  return db
    .insertInto('newsletter_issues')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function issueById(db: DbHandle, id: number): Promise<NewsletterIssue | undefined> {
  return db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function issueByDedupeKey(db: DbHandle, key: string): Promise<NewsletterIssue | undefined> {
  return db.selectFrom('newsletter_issues').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
}

/** Issues, newest first, of one newsletter or all. */
export async function listIssues(
  db: DbHandle,
  f: { newsletterId?: number; before?: CursorOf<typeof issueListCursor> | null; limit: number },
): Promise<NewsletterIssue[]> {
  let q = db.selectFrom('newsletter_issues').selectAll();
  if (f.newsletterId !== undefined) q = q.where('newsletter_id', '=', f.newsletterId);
  const b = f.before;
  if (b)
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', b.createdAt), eb.and([eb('created_at', '=', b.createdAt), eb('id', '<', b.id)])]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Changes an issue only while it is in one of `from` (two editors, two processes: one wins). */
export async function updateIssueIf(
  db: DbHandle,
  id: number,
  from: readonly NewsletterIssueStatus[],
  set: Updateable<NewsletterIssueTable>,
): Promise<NewsletterIssue | undefined> {
  return db
    .updateTable('newsletter_issues')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

/**
 * Scheduled issues whose time has come: a time that passed, or a story issue (no time: "when the story goes
 * live") whose story is published now.
 */
export async function dueIssueIds(db: DbHandle, now: number, limit = 50): Promise<number[]> {
  const rows = await db
    .selectFrom('newsletter_issues as i')
    .leftJoin('stories as s', 's.id', 'i.story_id')
    .select('i.id')
    .where('i.status', '=', 'scheduled')
    .where((eb) =>
      eb.or([
        eb.and([eb('i.send_at', 'is not', null), eb('i.send_at', '<=', now)]),
        eb.and([eb('i.send_at', 'is', null), eb('i.kind', '=', 'story'), eb('s.status', '=', 'published')]),
      ]),
    )
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Issues being sent. */
export async function sendingIssueIds(db: DbHandle): Promise<number[]> {
  const rows = await db.selectFrom('newsletter_issues').select('id').where('status', '=', 'sending').execute();
  return rows.map((r) => r.id);
}

/** Scheduled story issues waiting for one story to go live. */
export async function waitingStoryIssues(db: DbHandle, storyId: number): Promise<NewsletterIssue[]> {
  return db
    .selectFrom('newsletter_issues')
    .selectAll()
    .where('story_id', '=', storyId)
    .where('status', '=', 'scheduled')
    .execute();
}

/**
 * Starts an issue (call it in a transaction, with the batch jobs): scheduled → sending, and one `pending`
 * delivery for every reader then subscribed who can receive mail (confirmed, not bouncing, not erased). Only
 * one caller can flip the status, so an issue's recipients are written exactly once. Resolves with the number
 * of recipients, or null when the issue was not scheduled (another process started it, or it was cancelled).
 */
export async function fanOutIssue(tx: DbHandle, issueId: number, now: number): Promise<number | null> {
  const flipped = await tx
    .updateTable('newsletter_issues')
    .set({ status: 'sending', updated_at: now, last_error: '' })
    .where('id', '=', issueId)
    .where('status', '=', 'scheduled')
    .returning(['id', 'newsletter_id'])
    .executeTakeFirst();
  if (!flipped) return null;
  await tx
    .insertInto('newsletter_deliveries')
    .columns(['issue_id', 'reader_id', 'status', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('readers as r', 'r.id', 's.reader_id')
        .select([
          sql.lit(issueId).as('issue_id'),
          's.reader_id',
          sql.lit('pending').as('status'),
          sql.lit(now).as('updated_at'),
        ])
        .where('s.newsletter_id', '=', flipped.newsletter_id)
        .where('s.status', '=', 'subscribed')
        .where('r.confirmed_at', 'is not', null)
        .where('r.bouncing_at', 'is', null)
        .where('r.deleted_at', 'is', null)
        .orderBy('s.reader_id'),
    )
    .execute();
  const { n } = await tx
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('issue_id', '=', issueId)
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('newsletter_issues')
    .set({ recipients: Number(n) })
    .where('id', '=', issueId)
    .execute();
  return Number(n);
}

/** The id range of an issue's deliveries (null when it has none). */
export async function deliveryIdRange(db: DbHandle, issueId: number): Promise<{ min: number; max: number } | null> {
  const r = await db
    .selectFrom('newsletter_deliveries')
    .select((eb) => [eb.fn.min<number>('id').as('min'), eb.fn.max<number>('id').as('max')])
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return r && r.min !== null && r.max !== null ? { min: Number(r.min), max: Number(r.max) } : null;
}

/** What a batch may take: in its range, not yet sent, and not held by a try that is still alive. */
export interface ClaimFilter {
  issueId: number;
  fromId: number;
  toId: number;
  /**
   * When this try began: rows left `sending` before it belong to a try that died (the runner gave this one the
   * job's lease), and rows that failed before it may be tried again.
   */
  heldBefore: number;
  /** Rows that failed before this moment may be tried again (a temporary failure waits a while). */
  failedBefore: number;
  /** Failed rows are tried again until they have had this many tries. */
  maxAttempts: number;
}

/**
 * Claims up to `limit` deliveries of a batch: pending ones, failed ones with tries left, and ones a dead try
 * left `sending`. One conditional UPDATE … RETURNING, the conditions repeated outside the subquery so a row
 * another claimer took in the meantime fails them (PostgreSQL re-checks a locked row; SQLite has one writer).
 */
export async function claimDeliveries(
  db: DbHandle,
  f: ClaimFilter,
  now: number,
  limit: number,
): Promise<{ id: number; reader_id: number; attempts: number }[]> {
  const claimable = (eb: ExpressionBuilder<Database, 'newsletter_deliveries'>) =>
    eb.and([
      eb('issue_id', '=', f.issueId),
      eb('id', '>=', f.fromId),
      eb('id', '<=', f.toId),
      eb.or([
        eb('status', '=', 'pending'),
        // Failed a while ago (a temporary failure is not tried again at once).
        eb.and([
          eb('status', '=', 'failed'),
          eb('attempts', '<', f.maxAttempts),
          eb('updated_at', '<', f.failedBefore),
        ]),
        eb.and([eb('status', '=', 'sending'), eb('updated_at', '<', f.heldBefore)]),
      ]),
    ]);
  return db
    .updateTable('newsletter_deliveries')
    .set({ status: 'sending', updated_at: now, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb.selectFrom('newsletter_deliveries').select('id').where(claimable).orderBy('id').limit(limit),
    )
    .where(claimable)
    .returning(['id', 'reader_id', 'attempts'])
    .execute();
}

/** Records one delivery's outcome (only while it is still held: a try that lost its claim changes nothing). */
export async function finishDelivery(
  db: DbHandle,
  id: number,
  o: {
    status: Exclude<NewsletterDeliveryStatus, 'pending' | 'sending'>;
    messageId?: string;
    error?: string;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({
      status: o.status,
      updated_at: o.now,
      ...(o.messageId !== undefined ? { message_id: o.messageId } : {}),
      last_error: (o.error ?? '').slice(0, 500),
      ...(o.status === 'sent' ? { sent_at: o.now } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Records deliveries the SMTP server accepted, in one statement (each with its Message-ID): only those still
 * held, as finishDelivery does.
 */
export async function finishSentDeliveries(
  db: DbHandle,
  rows: readonly { id: number; messageId: string }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  const ids = sql.join(
    rows.map((r) => sql`when ${r.id} then ${r.messageId}`),
    sql` `,
  );
  await db
    .updateTable('newsletter_deliveries')
    .set({ status: 'sent', updated_at: now, sent_at: now, last_error: '', message_id: sql<string>`case id ${ids} end` })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'sending')
    .execute();
}

/** Deliveries of a batch (or an issue) still to do: pending, held, or failed with tries left (or one of those). */
export async function openDeliveries(
  db: DbHandle,
  f: Pick<ClaimFilter, 'issueId' | 'maxAttempts'> & { fromId?: number; toId?: number; only?: 'pending' | 'failed' },
): Promise<number> {
  let q = db
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('issue_id', '=', f.issueId)
    .where((eb) => {
      const waiting = eb('status', 'in', ['pending', 'sending']);
      const retry = eb.and([eb('status', '=', 'failed'), eb('attempts', '<', f.maxAttempts)]);
      return f.only === 'pending' ? waiting : f.only === 'failed' ? retry : eb.or([waiting, retry]);
    });
  if (f.fromId !== undefined) q = q.where('id', '>=', f.fromId);
  if (f.toId !== undefined) q = q.where('id', '<=', f.toId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** An issue's deliveries by status, and how many were opened and clicked (when counting is on). */
export async function deliveryCounts(
  db: DbHandle,
  issueId: number,
): Promise<{ byStatus: Partial<Record<NewsletterDeliveryStatus, number>>; opened: number; clicked: number }> {
  const [rows, t] = await Promise.all([
    db
      .selectFrom('newsletter_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('issue_id', '=', issueId)
      .groupBy('status')
      .execute(),
    db
      .selectFrom('newsletter_deliveries')
      .select((eb) => [eb.fn.count<number>('opened_at').as('opened'), eb.fn.count<number>('clicked_at').as('clicked')])
      .where('issue_id', '=', issueId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
    opened: Number(t.opened),
    clicked: Number(t.clicked),
  };
}

/** Records a delivery's first open or first click (counting is opt-in); false when the delivery is unknown. */
export async function recordEngagement(
  db: DbHandle,
  deliveryId: number,
  what: 'opened_at' | 'clicked_at',
  now: number,
): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({ [what]: now })
    .where('id', '=', deliveryId)
    .where(what, 'is', null)
    .execute();
}

/**
 * Reserves send slots for `count` messages at `ratePerSecond`, shared by every process (one row): the slots
 * start at the later of now and the end of the last reservation. Resolves with when this reservation's slots
 * begin (the caller waits until then).
 */
export async function reservePace(db: DbHandle, count: number, ratePerSecond: number, now: number): Promise<number> {
  const span = Math.ceil((count * 1000) / ratePerSecond);
  const row = await db
    .updateTable('newsletter_pace')
    .set({ next_at: sql<number>`(case when next_at > ${now} then next_at else ${now} end) + ${span}` })
    .where('id', '=', 1)
    .returning('next_at')
    .executeTakeFirst();
  return row ? Number(row.next_at) - span : now;
}

/** What decides whether a reader gets a newsletter now: their address and state, and their subscription to it. */
export async function recipientStates(
  db: DbHandle,
  newsletterId: number,
  readerIds: readonly number[],
): Promise<
  Map<
    number,
    {
      email: string;
      confirmed: boolean;
      bouncing: boolean;
      deleted: boolean;
      subscribed: boolean;
    }
  >
> {
  if (readerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('readers as r')
    .leftJoin('newsletter_subscriptions as s', (j) =>
      j.onRef('s.reader_id', '=', 'r.id').on('s.newsletter_id', '=', newsletterId),
    )
    .select(['r.id', 'r.email', 'r.confirmed_at', 'r.bouncing_at', 'r.deleted_at', 's.status'])
    .where('r.id', 'in', [...readerIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        email: r.email,
        confirmed: r.confirmed_at !== null,
        bouncing: r.bouncing_at !== null,
        deleted: r.deleted_at !== null,
        subscribed: r.status === 'subscribed',
      },
    ]),
  );
}

/** Marks an address bouncing after a permanent failure (the first reason stays); nothing more is sent to it. */
export async function markReaderBouncing(
  db: DbHandle,
  readerId: number,
  reason: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('readers')
    .set({ bouncing_at: now, bounce_reason: reason.slice(0, 500), updated_at: now })
    .where('id', '=', readerId)
    .where('bouncing_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When a newsletter's last automatic daily digest was made (null: never). */
export async function lastDigestAt(db: DbHandle, newsletterId: number): Promise<number | null> {
  const row = await db
    .selectFrom('newsletter_issues')
    .select((eb) => eb.fn.max<number>('created_at').as('at'))
    .where('newsletter_id', '=', newsletterId)
    .where('dedupe_key', 'like', 'digest:%')
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}
