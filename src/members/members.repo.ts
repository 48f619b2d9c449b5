import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type {
  Database,
  DbHandle,
  NewsletterSubscriptionTable,
  ReaderTable,
  SubscriptionStatus,
} from '../db/database.js';
import type { MemberStatus } from './member.status.js';
import type { MembersCursor } from './members.cursor.js';

/**
 * The desk's members list and a member's page: the queries over readers with their newsletters, comments and
 * what happened to them. Reader accounts themselves are the readers domain's (src/readers); this file holds what
 * only the desk asks.
 */

export interface MemberFilter {
  /** Words the email address or the name contains (case-insensitive). */
  q?: string;
  /** Only members with a choice for this newsletter (with `status`, that choice's state). */
  newsletterId?: number;
  status?: MemberStatus;
  /** Where they signed up ('story', 'footer', 'import:ghost', …). */
  source?: string;
  /** Signed up at or after this time. */
  from?: number;
  /** Signed up before this time. */
  to?: number;
  /** Only members after this position in the list's order. */
  before?: MembersCursor | null;
  limit: number;
}

export interface MemberRow {
  id: number;
  email: string;
  name: string;
  language: string;
  source: string;
  source_detail: string;
  confirmed_at: number | null;
  bouncing_at: number | null;
  created_at: number;
  deleted_at: number | null;
}

const MEMBER_COLUMNS = [
  'readers.id',
  'readers.email',
  'readers.name',
  'readers.language',
  'readers.source',
  'readers.source_detail',
  'readers.confirmed_at',
  'readers.bouncing_at',
  'readers.created_at',
  'readers.deleted_at',
] as const;

/** Escapes LIKE wildcards so a search for "50%" finds that text, not everything. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

type ReaderEb = ExpressionBuilder<Database, 'readers'>;

/** The reader has a subscription row (of the newsletter, when given) in this state. */
const hasSubscription = (eb: ReaderEb, status: SubscriptionStatus, newsletterId?: number) => {
  let q = eb
    .selectFrom('newsletter_subscriptions as ns')
    .select('ns.reader_id')
    .whereRef('ns.reader_id', '=', 'readers.id')
    .where('ns.status', '=', status);
  if (newsletterId !== undefined) q = q.where('ns.newsletter_id', '=', newsletterId);
  return eb.exists(q);
};

/**
 * A status as SQL, the same rule as `memberStatus` (member.status.ts): erased (deleted_at) wins, then bouncing; "unsubscribed"
 * is a member who left every newsletter they had (or, for one newsletter, left it); everyone else is active.
 */
function statusWhere(eb: ReaderEb, status: MemberStatus, newsletterId?: number) {
  if (status === 'erased') return eb('readers.deleted_at', 'is not', null);
  const alive = [eb('readers.deleted_at', 'is', null)];
  if (status === 'bouncing') return eb.and([...alive, eb('readers.bouncing_at', 'is not', null)]);
  alive.push(eb('readers.bouncing_at', 'is', null));
  // For one newsletter, the state of its row; overall, whether every row they have says they left.
  if (newsletterId !== undefined)
    return eb.and([...alive, hasSubscription(eb, status === 'active' ? 'subscribed' : 'unsubscribed', newsletterId)]);
  const left = eb.and([hasSubscription(eb, 'unsubscribed'), eb.not(hasSubscription(eb, 'subscribed'))]);
  return eb.and([...alive, status === 'unsubscribed' ? left : eb.not(left)]);
}

function filtered(db: DbHandle, f: Omit<MemberFilter, 'before' | 'limit'>) {
  let q = db.selectFrom('readers');
  if (f.q) {
    const pattern = `%${likeEscape(f.q.toLowerCase())}%`;
    // ESCAPE spelled out: SQLite has no default LIKE escape character.
    q = q.where(
      sql<boolean>`(readers.email like ${pattern} escape '\\' or lower(readers.name) like ${pattern} escape '\\')`,
    );
  }
  if (f.newsletterId !== undefined) {
    const id = f.newsletterId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('newsletter_subscriptions as nf')
          .select('nf.reader_id')
          .whereRef('nf.reader_id', '=', 'readers.id')
          .where('nf.newsletter_id', '=', id),
      ),
    );
  }
  if (f.status) {
    const status = f.status;
    q = q.where((eb) => statusWhere(eb, status, f.newsletterId));
  }
  if (f.source !== undefined) q = q.where('readers.source', '=', f.source);
  if (f.from !== undefined) q = q.where('readers.created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('readers.created_at', '<', f.to);
  return q;
}

/** One page of the members list, newest sign-up first, keyset-paged on (created_at, id). */
export async function listMembers(db: DbHandle, f: MemberFilter): Promise<MemberRow[]> {
  let q = filtered(db, f).select(MEMBER_COLUMNS);
  if (f.before) {
    const { createdAt: at, id } = f.before;
    // A row-value comparison: both engines seek the (created_at, id) index to it (an OR of the two keys scans).
    q = q.where(sql<boolean>`(readers.created_at, readers.id) < (${at}, ${id})`);
  }
  return q.orderBy('readers.created_at', 'desc').orderBy('readers.id', 'desc').limit(f.limit).execute();
}

/** How many members the filter matches. */
export async function countMembers(db: DbHandle, f: Omit<MemberFilter, 'before' | 'limit'>): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The sources members signed up from, for the filter's choices. */
export async function memberSources(db: DbHandle): Promise<string[]> {
  const rows = await db.selectFrom('readers').select('source').distinct().orderBy('source').execute();
  return rows.map((r) => r.source).filter((s) => s !== '');
}

export interface MemberSubscription {
  reader_id: number;
  newsletter_id: number;
  newsletter_name: string;
  status: SubscriptionStatus;
  source: string;
  created_at: number;
  updated_at: number;
}

/** Every newsletter choice of these members, with the newsletter's name, in the newsletters' order. */
export async function subscriptionsOf(db: DbHandle, readerIds: readonly number[]): Promise<MemberSubscription[]> {
  if (!readerIds.length) return [];
  return db
    .selectFrom('newsletter_subscriptions as ns')
    .innerJoin('newsletters as n', 'n.id', 'ns.newsletter_id')
    .select([
      'ns.reader_id',
      'ns.newsletter_id',
      'n.name as newsletter_name',
      'ns.status',
      'ns.source',
      'ns.created_at',
      'ns.updated_at',
    ])
    .where('ns.reader_id', 'in', [...readerIds])
    .orderBy('n.position')
    .orderBy('n.id')
    .execute();
}

export interface MemberComment {
  id: number;
  story_id: number;
  headline: string;
  body: string;
  status: string;
  created_at: number;
}

/** A member's latest comments, with the story each is on. */
export async function commentsOfMember(db: DbHandle, readerId: number, limit: number): Promise<MemberComment[]> {
  return db
    .selectFrom('comments')
    .innerJoin('stories', 'stories.id', 'comments.story_id')
    .select([
      'comments.id',
      'comments.story_id',
      'stories.headline',
      'comments.body',
      'comments.status',
      'comments.created_at',
    ])
    .where('comments.reader_id', '=', readerId)
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many comments a member wrote. */
export async function countCommentsOfMember(db: DbHandle, readerId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('reader_id', '=', readerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What happened to a member that other tables remember, each with its time (for the member's history). */
export interface MemberTraces {
  imports: { source: string; source_id: string; created_at: number }[];
  emailChanges: { new_email: string | null; used_at: number | null }[];
  bounces: { subject: string; last_error: string; updated_at: number }[];
}

/** The traces of one member: imports that made or matched them, confirmed address changes, bounced issues. */
export async function memberTraces(db: DbHandle, readerId: number, limit: number): Promise<MemberTraces> {
  const [imports, emailChanges, bounces] = await Promise.all([
    db
      .selectFrom('import_map')
      .select(['source', 'source_id', 'created_at'])
      .where('kind', '=', 'reader')
      .where('target_id', '=', readerId)
      .orderBy('created_at')
      .limit(limit)
      .execute(),
    db
      .selectFrom('reader_tokens')
      .select(['new_email', 'used_at'])
      .where('reader_id', '=', readerId)
      .where('purpose', '=', 'email-change')
      .where('used_at', 'is not', null)
      .orderBy('used_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('newsletter_deliveries as d')
      .innerJoin('newsletter_issues as i', 'i.id', 'd.issue_id')
      .select(['i.subject', 'd.last_error', 'd.updated_at'])
      .where('d.reader_id', '=', readerId)
      .where('d.status', '=', 'bounced')
      .orderBy('d.updated_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { imports, emailChanges, bounces };
}

/** Readers with these addresses (lower-cased), in chunks: what an import matches its members to. */
export async function readersByEmail(
  db: DbHandle,
  emails: readonly string[],
): Promise<Map<string, { id: number; deleted_at: number | null }>> {
  const out = new Map<string, { id: number; deleted_at: number | null }>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .selectFrom('readers')
      .select(['id', 'email', 'deleted_at'])
      .where('email', 'in', emails.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.email, { id: r.id, deleted_at: r.deleted_at });
  }
  return out;
}

/** Inserts imported readers in chunks; returns each new id by address. */
export async function insertReaderRows(
  db: DbHandle,
  rows: readonly Insertable<ReaderTable>[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const got = await db
      .insertInto('readers')
      .values(rows.slice(i, i + 500))
      .returning(['id', 'email'])
      .execute();
    for (const r of got) ids.set(r.email, r.id);
  }
  return ids;
}

/** The readers among these who already have a choice (either way) for the newsletter. */
export async function readersWithChoice(
  db: DbHandle,
  newsletterId: number,
  readerIds: readonly number[],
): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < readerIds.length; i += 500) {
    const rows = await db
      .selectFrom('newsletter_subscriptions')
      .select('reader_id')
      .where('newsletter_id', '=', newsletterId)
      .where('reader_id', 'in', readerIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.reader_id);
  }
  return out;
}

/** Inserts newsletter choices in chunks; a reader who already has one for the newsletter keeps theirs. */
export async function insertSubscriptionRows(
  db: DbHandle,
  rows: readonly Insertable<NewsletterSubscriptionTable>[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto('newsletter_subscriptions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['newsletter_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}
