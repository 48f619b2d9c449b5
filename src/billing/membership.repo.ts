import { type Insertable, type Updateable, sql } from 'kysely';
import type { DbHandle, Membership, MembershipTable } from '../db/database.js';

/** Every membership a reader has had, newest first (the account page, the desk's member page, data export). */
export async function membershipsOfReader(db: DbHandle, readerId: number): Promise<Membership[]> {
  return db.selectFrom('memberships').selectAll().where('reader_id', '=', readerId).orderBy('id', 'desc').execute();
}

/** The membership a provider's subscription id belongs to, if any. */
export async function findMembershipBySubscription(
  db: DbHandle,
  provider: string,
  subscriptionId: string,
): Promise<Membership | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_subscription_id', '=', subscriptionId)
    .executeTakeFirst();
}

export async function insertMembership(db: DbHandle, row: Insertable<MembershipTable>): Promise<Membership> {
  return db.insertInto('memberships').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateMembership(db: DbHandle, id: number, patch: Updateable<MembershipTable>): Promise<void> {
  await db.updateTable('memberships').set(patch).where('id', '=', id).execute();
}

/**
 * The ids of the paid tiers a reader's memberships grant at `now`, ascending and distinct, in one query. A membership
 * grants while active or trialing (before a complimentary end), past due within the grace period, or cancelled
 * before the end of the period paid for; an ended one never does.
 */
export async function grantedPaidTierIds(db: DbHandle, readerId: number, now: number): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('tiers', 'tiers.id', 'memberships.tier_id')
    .select('tiers.id')
    .distinct()
    .where('memberships.reader_id', '=', readerId)
    .where('tiers.kind', '=', 'paid')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('memberships.status', 'in', ['active', 'trialing']),
          eb.or([eb('memberships.ends_at', 'is', null), eb('memberships.ends_at', '>', now)]),
        ]),
        eb.and([eb('memberships.status', '=', 'past_due'), eb('memberships.grace_until', '>', now)]),
        eb.and([eb('memberships.status', '=', 'canceled'), eb('memberships.current_period_end', '>', now)]),
      ]),
    )
    .orderBy('tiers.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Adds a subscription's membership unless one exists for it (the partial unique index of migration 142: on
 * PostgreSQL a concurrent insert waits for the first transaction, then does nothing). Returns the row, or
 * undefined when another process made it first.
 */
export async function insertSubscriptionMembership(
  db: DbHandle,
  row: Insertable<MembershipTable>,
): Promise<Membership | undefined> {
  return db
    .insertInto('memberships')
    .values(row)
    .onConflict((oc) =>
      // The index's own predicate, as a literal: SQLite matches a partial index only by the same expression.
      oc
        .columns(['provider', 'provider_subscription_id'])
        .where(sql<boolean>`provider_subscription_id <> ''`)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}
