import { sql } from 'kysely';
import type { DialectMigration } from './helpers.js';

/**
 * One membership per provider subscription: two events of one new subscription processed at once (its checkout's
 * and its own `created`, in two processes) both find none and insert; this partial unique index lets only the
 * first row in (the second insert does nothing and updates the first). Complimentary and imported memberships
 * have no subscription id and are not constrained. Frozen.
 */
export const m142MembershipSubscriptionUnique: DialectMigration = {
  async up(db) {
    await sql`create unique index memberships_subscription_unique on memberships (provider, provider_subscription_id)
      where provider_subscription_id <> ''`.execute(db);
  },
};
