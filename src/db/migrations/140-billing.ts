import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Reader revenue (issue 14): tiers with their prices, who may read a story (its access level, a section's default),
 * readers' memberships (a paid subscription, a complimentary grant, an imported member), the payment provider's
 * customers and events (each processed once), donations, gift links to one story, and the metered reads of
 * signed-in readers. Amounts are integers in the currency's minor unit (cents); times are epoch ms. Frozen.
 */
export const m140Billing: DialectMigration = {
  async up(db, dialect) {
    // A tier: 'free' (what a signed-in reader has; at most one is meant to exist) or 'paid' with monthly and yearly
    // prices. Archiving (archived_at) hides it from new readers and keeps existing members on it.
    await withId(db.schema.createTable('tiers'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('paid'))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // JSON array of strings: the benefits listed on the pricing page.
      .addColumn('benefits', 'text', (c) => c.notNull().defaultTo('[]'))
      // Prices in minor units of the newsroom's currency (setting billing.currency); null = not offered.
      .addColumn('monthly_price', 'integer')
      .addColumn('yearly_price', 'integer')
      // The payment provider's ids for the tier and its prices ('' until made there).
      .addColumn('provider_product_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('provider_monthly_price_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('provider_yearly_price_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('archived_at', TIME)
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();

    // Who may read a story: 'public', 'members' (signed-in readers), 'paid' (any paid tier) or 'tiers' (the tier
    // ids in access_tiers, a JSON array). A section's default_access is what its new stories start with.
    for (const table of ['stories', 'sections']) {
      const column = table === 'stories' ? 'access' : 'default_access';
      await db.schema
        .alterTable(table)
        .addColumn(column, 'text', (c) => c.notNull().defaultTo('public'))
        .execute();
      await db.schema
        .alterTable(table)
        .addColumn(table === 'stories' ? 'access_tiers' : 'default_access_tiers', 'text', (c) =>
          c.notNull().defaultTo('[]'),
        )
        .execute();
    }

    // A reader's membership of a tier. source: 'subscription' (the provider bills it), 'complimentary' (given by
    // the desk until ends_at), 'import' (brought by the members import). status follows the provider's
    // subscription: 'active', 'trialing', 'past_due' (grace until grace_until), 'canceled' (at period end:
    // access until current_period_end), 'ended'. provider_event_at is the creation time of the newest provider
    // event applied, so an older event arriving late never overwrites a newer state.
    await withId(db.schema.createTable('memberships'), dialect)
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      .addColumn('tier_id', 'integer', (c) => c.notNull().references('tiers.id'))
      .addColumn('source', 'text', notNull)
      .addColumn('status', 'text', notNull)
      // 'month' | 'year' | '' (complimentary, imported without a price)
      .addColumn('interval', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('current_period_end', TIME)
      .addColumn('cancel_at_period_end', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('grace_until', TIME)
      // Complimentary access ends here (null: no end); also when an ended subscription stopped.
      .addColumn('ends_at', TIME)
      .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('provider_subscription_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('provider_event_at', TIME)
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();
    await db.schema.createIndex('memberships_reader').on('memberships').columns(['reader_id', 'status']).execute();
    await db.schema
      .createIndex('memberships_provider_subscription')
      .on('memberships')
      .columns(['provider', 'provider_subscription_id'])
      .execute();

    // The provider's customer for a reader (a Stripe customer id), kept across subscriptions and imports.
    await db.schema
      .createTable('payment_customers')
      .addColumn('reader_id', 'integer', (c) => c.notNull().primaryKey().references('readers.id').onDelete('cascade'))
      .addColumn('provider', 'text', notNull)
      .addColumn('customer_id', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('payment_customers_customer')
      .unique()
      .on('payment_customers')
      .columns(['provider', 'customer_id'])
      .execute();

    // Every provider event received (a webhook), by its id: the unique key makes processing happen once across
    // processes; processed_at is set in the same transaction as its effects.
    await withId(db.schema.createTable('payment_events'), dialect)
      .addColumn('provider', 'text', notNull)
      .addColumn('event_id', 'text', notNull)
      .addColumn('type', 'text', notNull)
      // The event's own creation time (the provider's clock).
      .addColumn('event_at', TIME, notNull)
      .addColumn('received_at', TIME, notNull)
      .addColumn('processed_at', TIME)
      .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('payment_events_event')
      .unique()
      .on('payment_events')
      .columns(['provider', 'event_id'])
      .execute();

    // A donation: one-off ('once') or monthly giving ('month', whose payments are its invoices).
    await withId(db.schema.createTable('donations'), dialect)
      .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('amount', 'integer', notNull)
      .addColumn('currency', 'text', notNull)
      .addColumn('interval', 'text', (c) => c.notNull().defaultTo('once'))
      .addColumn('status', 'text', notNull)
      .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
      // The provider's id of what was paid (a Checkout Session, an invoice): unique, so a replay adds nothing.
      .addColumn('provider_ref', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('donations_ref')
      .unique()
      .on('donations')
      .columns(['provider', 'provider_ref'])
      .execute();
    await db.schema.createIndex('donations_created').on('donations').columns(['created_at', 'id']).execute();

    // A link to one story that lets whoever holds it past the paywall until expires_at (token stored as SHA-256).
    await withId(db.schema.createTable('gift_links'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by_user', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_by_reader', 'integer', (c) => c.references('readers.id').onDelete('set null'))
      .addColumn('max_uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .addColumn('revoked_at', TIME)
      .execute();

    // Gated stories a signed-in reader without access read through the meter (one row per reader and story).
    await db.schema
      .createTable('meter_reads')
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('at', TIME, notNull)
      .addPrimaryKeyConstraint('meter_reads_pk', ['reader_id', 'story_id'])
      .execute();
    await db.schema.createIndex('meter_reads_reader_at').on('meter_reads').columns(['reader_id', 'at']).execute();
  },
};
