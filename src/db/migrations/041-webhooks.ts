import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Webhooks: subscriptions, an outbox of deliveries that workers claim, and a log of every attempt.
 * Frozen.
 */
export const m041Webhooks: DialectMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('webhooks'), dialect)
      .addColumn('url', 'text', notNull)
      .addColumn('secret', 'text', notNull)
      .addColumn('events', 'text', notNull)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();

    await withId(db.schema.createTable('webhook_deliveries'), dialect)
      .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('event', 'text', notNull)
      .addColumn('event_key', 'text', notNull)
      .addColumn('payload', 'text', notNull)
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', TIME, notNull)
      .addColumn('locked_until', TIME)
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('delivered_at', TIME)
      .execute();
    // One delivery per webhook and event, however many processes heard the event.
    await db.schema
      .createIndex('webhook_deliveries_event')
      .unique()
      .on('webhook_deliveries')
      .columns(['webhook_id', 'event_key'])
      .execute();
    // Workers look for due rows by status and time.
    await db.schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();

    await withId(db.schema.createTable('webhook_attempts'), dialect)
      .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
      .addColumn('attempt', 'integer', notNull)
      .addColumn('status_code', 'integer')
      .addColumn('duration_ms', 'integer', notNull)
      .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attempted_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('webhook_attempts_delivery')
      .on('webhook_attempts')
      .columns(['delivery_id', 'attempt'])
      .execute();
  },
};
