import type { Insertable } from 'kysely';
import type { DbHandle, DonationTable, PaymentEventTable } from '../db/database.js';

/**
 * Records a provider event by its id; false when it was recorded before (the unique key on provider and event id:
 * on PostgreSQL a second process's insert waits for the first's transaction and then does nothing).
 */
export async function claimPaymentEvent(db: DbHandle, row: Insertable<PaymentEventTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('payment_events')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Marks a claimed event processed (in the transaction of its effects). */
export async function markPaymentEventProcessed(
  db: DbHandle,
  provider: string,
  eventId: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('payment_events')
    .set({ processed_at: at })
    .where('provider', '=', provider)
    .where('event_id', '=', eventId)
    .execute();
}

/** Whether an event was processed already (the webhook skips its provider calls then). */
export async function paymentEventSeen(db: DbHandle, provider: string, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('payment_events')
    .select('id')
    .where('provider', '=', provider)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The provider's customer id of a reader, if they have one. */
export async function findCustomerOfReader(db: DbHandle, readerId: number): Promise<string | undefined> {
  return (
    await db.selectFrom('payment_customers').select('customer_id').where('reader_id', '=', readerId).executeTakeFirst()
  )?.customer_id;
}

/** The reader a provider's customer belongs to, if known. */
export async function findReaderOfCustomer(
  db: DbHandle,
  provider: string,
  customerId: string,
): Promise<number | undefined> {
  return (
    await db
      .selectFrom('payment_customers')
      .select('reader_id')
      .where('provider', '=', provider)
      .where('customer_id', '=', customerId)
      .executeTakeFirst()
  )?.reader_id;
}

/** Links a reader to a provider's customer; a reader already linked keeps their first customer. */
export async function linkCustomer(
  db: DbHandle,
  readerId: number,
  provider: string,
  customerId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('payment_customers')
    .values({ reader_id: readerId, provider, customer_id: customerId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Records a donation; undefined when its provider reference was recorded before (a replayed event). */
export async function insertDonation(db: DbHandle, row: Insertable<DonationTable>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('donations')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'provider_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}
