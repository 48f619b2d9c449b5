import { sql } from 'kysely';
import type { DbHandle } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';

/** A newsletter as a reader's account page lists it, with whether they get it. */
export interface ReaderNewsletterRow {
  id: number;
  name: string;
  description: string;
  subscribed: boolean;
}

/**
 * The newsletters a reader may choose on their account page: every visible, unarchived one (in the reader's
 * language or any) and any other they are subscribed to, in the desk's order.
 */
export async function newslettersForReader(
  db: DbHandle,
  readerId: number,
  language: string,
): Promise<ReaderNewsletterRow[]> {
  const rows = await db
    .selectFrom('newsletters as n')
    .leftJoin('newsletter_subscriptions as s', (j) =>
      j.onRef('s.newsletter_id', '=', 'n.id').on('s.reader_id', '=', readerId),
    )
    .select(['n.id', 'n.name', 'n.description', 's.status'])
    .where('n.archived_at', 'is', null)
    .where((w) =>
      w.or([
        w.and([w('n.visible', '=', 1), w.or([w('n.language', '=', ''), w('n.language', '=', language)])]),
        w('s.status', '=', 'subscribed'),
      ]),
    )
    .orderBy('n.position')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    subscribed: r.status === 'subscribed',
  }));
}

/** The newsletters a sign-up form offers: visible, unarchived, in the language or any, with their default. */
export async function signUpNewsletters(
  db: DbHandle,
  language: string,
): Promise<{ id: number; name: string; description: string; default_on: number }[]> {
  return db
    .selectFrom('newsletters')
    .select(['id', 'name', 'description', 'default_on'])
    .where('archived_at', 'is', null)
    .where('visible', '=', 1)
    .where((w) => w.or([w('language', '=', ''), w('language', '=', language)]))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Marks a reader's subscriptions to these newsletters 'unsubscribed' (the rows stay: the history is kept). */
export async function unsubscribeReaderFrom(
  db: DbHandle,
  readerId: number,
  newsletterIds: readonly number[],
  now: number,
): Promise<void> {
  if (!newsletterIds.length) return;
  await db
    .updateTable('newsletter_subscriptions')
    .set({ status: 'unsubscribed', updated_at: now })
    .where('reader_id', '=', readerId)
    .where('newsletter_id', 'in', [...newsletterIds])
    .where('status', '=', 'subscribed')
    .execute();
}

/** Everything held about one reader, for "download my data" (the presenter picks the fields). */
export async function readerDataRows(db: DbHandle, readerId: number) {
  const [subscriptions, comments, sessions, reports] = await Promise.all([
    db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletters as n', 'n.id', 's.newsletter_id')
      .select(['n.name', 's.status', 's.source', 's.created_at', 's.updated_at'])
      .where('s.reader_id', '=', readerId)
      .orderBy('s.created_at')
      .execute(),
    db
      .selectFrom('comments as c')
      .innerJoin('stories as st', 'st.id', 'c.story_id')
      .select(['c.id', 'c.body', 'c.status', 'c.created_at', 'c.parent_id', 'st.headline', 'st.slug'])
      .where('c.reader_id', '=', readerId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('reader_sessions')
      .select(['user_agent', 'created_at', 'last_seen_at', 'revoked_at'])
      .where('reader_id', '=', readerId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('comment_reports')
      .select(['comment_id', 'reason', 'created_at'])
      .where('reader_id', '=', readerId)
      .orderBy('created_at')
      .execute(),
  ]);
  return { subscriptions, comments, sessions, reports };
}

/**
 * Erases a reader's personal data, in the caller's transaction: comments kept ("a former reader": reader_id
 * emptied) or deleted, by the newsroom's setting; reports and moderation records unlinked; subscriptions,
 * links, sessions and mail kept for the address deleted; the row blanked (a unique placeholder address in the
 * reserved .invalid domain) and marked deleted. Delivery rows keep their reader id: nothing personal is left in
 * them, and the exactly-once record of past issues stays whole.
 */
export async function eraseReaderRows(
  db: DbHandle,
  reader: { id: number; email: string },
  comments: 'keep' | 'delete',
  mailJobKinds: readonly string[],
  now: number,
): Promise<void> {
  if (comments === 'delete') await db.deleteFrom('comments').where('reader_id', '=', reader.id).execute();
  else await db.updateTable('comments').set({ reader_id: null }).where('reader_id', '=', reader.id).execute();
  await db.updateTable('comment_reports').set({ reader_id: null }).where('reader_id', '=', reader.id).execute();
  await db.updateTable('moderation_actions').set({ reader_id: null }).where('reader_id', '=', reader.id).execute();
  await db.deleteFrom('newsletter_subscriptions').where('reader_id', '=', reader.id).execute();
  await db.deleteFrom('reader_tokens').where('reader_id', '=', reader.id).execute();
  await db.deleteFrom('reader_sessions').where('reader_id', '=', reader.id).execute();
  if (reader.email) await db.deleteFrom('mail_outbox').where('to_address', '=', reader.email).execute();
  // The reader's mail jobs (pending, retrying, or done and kept a while) hold their addresses: gone with them.
  const readerOfJob =
    dialectOf(db) === 'postgres'
      ? sql<string>`(payload::jsonb ->> 'readerId')`
      : sql<string>`json_extract(payload, '$.readerId')`;
  await db
    .deleteFrom('jobs')
    .where('kind', 'in', [...mailJobKinds])
    .where(sql`cast(${readerOfJob} as text)`, '=', String(reader.id))
    .execute();
  await db
    .updateTable('readers')
    .set({
      email: `erased-${reader.id}@erased.invalid`,
      name: '',
      comment_name: '',
      source: '',
      source_detail: '',
      bounce_reason: '',
      confirmed_at: null,
      bouncing_at: null,
      comments_banned_at: null,
      updated_at: now,
      deleted_at: now,
    })
    .where('id', '=', reader.id)
    .execute();
}
