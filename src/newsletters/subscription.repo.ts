import { sql } from 'kysely';
import type { DbHandle } from '../db/database.js';

/**
 * Subscribes a reader to newsletters: a new row, or an unsubscribed one back to `subscribed` (its first source
 * stays). Newsletters that do not exist or are archived are skipped. Written by the subscription service and by
 * the readers' sign-in link (in its transaction) for the newsletters its payload names. Resolves with the ids
 * whose state changed.
 */
export async function subscribeReader(
  db: DbHandle,
  readerId: number,
  newsletterIds: readonly number[],
  source: string,
  now: number,
): Promise<number[]> {
  if (newsletterIds.length === 0) return [];
  const live = (
    await db
      .selectFrom('newsletters')
      .select('id')
      .where('id', 'in', [...new Set(newsletterIds)])
      .where('archived_at', 'is', null)
      .execute()
  ).map((r) => r.id);
  if (live.length === 0) return [];
  const before = await db
    .selectFrom('newsletter_subscriptions')
    .select(['newsletter_id', 'status'])
    .where('reader_id', '=', readerId)
    .where('newsletter_id', 'in', live)
    .execute();
  const was = new Map(before.map((r) => [r.newsletter_id, r.status]));
  await db
    .insertInto('newsletter_subscriptions')
    .values(
      live.map((newsletter_id) => ({
        reader_id: readerId,
        newsletter_id,
        status: 'subscribed' as const,
        source,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['newsletter_id', 'reader_id'])
        .doUpdateSet({ status: 'subscribed', updated_at: now })
        .where('newsletter_subscriptions.status', '=', 'unsubscribed'),
    )
    .execute();
  return live.filter((id) => was.get(id) !== 'subscribed');
}

/** Marks one subscription unsubscribed (the row stays, with when); false when it was not subscribed. */
export async function unsubscribeReader(
  db: DbHandle,
  readerId: number,
  newsletterId: number,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_subscriptions')
    .set({ status: 'unsubscribed', updated_at: now })
    .where('reader_id', '=', readerId)
    .where('newsletter_id', '=', newsletterId)
    .where('status', '=', 'subscribed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether a reader is subscribed to a newsletter now. */
export async function isSubscribed(db: DbHandle, readerId: number, newsletterId: number): Promise<boolean> {
  const row = await db
    .selectFrom('newsletter_subscriptions')
    .select('status')
    .where('reader_id', '=', readerId)
    .where('newsletter_id', '=', newsletterId)
    .executeTakeFirst();
  return row?.status === 'subscribed';
}

/** Per newsletter: readers subscribed and able to receive it (confirmed, not bouncing, not erased), and bouncing. */
export async function subscriberCounts(db: DbHandle): Promise<Map<number, { subscribed: number; bouncing: number }>> {
  const rows = await db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('readers as r', 'r.id', 's.reader_id')
    .select([
      's.newsletter_id',
      sql<number>`sum(case when r.bouncing_at is null and r.confirmed_at is not null and r.deleted_at is null then 1 else 0 end)`.as(
        'subscribed',
      ),
      sql<number>`sum(case when r.bouncing_at is not null then 1 else 0 end)`.as('bouncing'),
    ])
    .where('s.status', '=', 'subscribed')
    .groupBy('s.newsletter_id')
    .execute();
  return new Map(
    rows.map((r) => [r.newsletter_id, { subscribed: Number(r.subscribed), bouncing: Number(r.bouncing) }]),
  );
}

/** Addresses marked bouncing (a permanent SMTP failure), most recent first, for the desk. */
export async function bouncingReaders(
  db: DbHandle,
  limit: number,
): Promise<{ id: number; email: string; reason: string; at: number }[]> {
  const rows = await db
    .selectFrom('readers')
    .select(['id', 'email', 'bounce_reason', 'bouncing_at'])
    .where('bouncing_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('bouncing_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, reason: r.bounce_reason, at: Number(r.bouncing_at) }));
}
