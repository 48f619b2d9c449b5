import type { DbHandle } from '../db/database.js';

/**
 * Subscribes a reader to newsletters (status 'subscribed'; a row that said 'unsubscribed' says 'subscribed'
 * again). Written by the readers' sign-in link for the newsletters its payload names; the newsletters helper (N)
 * owns this file and its service. Unknown or archived newsletter ids are skipped.
 */
export async function subscribeReader(
  db: DbHandle,
  readerId: number,
  newsletterIds: readonly number[],
  source: string,
  now: number,
): Promise<void> {
  if (!newsletterIds.length) return;
  const live = await db
    .selectFrom('newsletters')
    .select('id')
    .where('id', 'in', [...new Set(newsletterIds)])
    .where('archived_at', 'is', null)
    .execute();
  for (const { id } of live)
    await db
      .insertInto('newsletter_subscriptions')
      .values({
        reader_id: readerId,
        newsletter_id: id,
        status: 'subscribed',
        source,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['newsletter_id', 'reader_id']).doUpdateSet({ status: 'subscribed', updated_at: now }),
      )
      .execute();
}
