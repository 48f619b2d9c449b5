import { type DialectMigration, TIME } from './helpers.js';

/**
 * Newsletter sending (issue 13, N's range 115–119): an issue made by the machine (a daily digest, a story sent
 * when it goes live) carries a key so two processes making it make one; a delivery may record its first open and
 * click (only when the newsroom turns counting on); and one row paces every process's sends to the configured
 * rate. Frozen.
 */
export const m115NewsletterSending: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('newsletter_issues').addColumn('dedupe_key', 'text').execute();
    await db.schema
      .createIndex('newsletter_issues_dedupe')
      .unique()
      .on('newsletter_issues')
      .column('dedupe_key')
      .execute();
    // Why an issue could not be started (a story gone, nothing to send), shown in the desk.
    await db.schema
      .alterTable('newsletter_issues')
      .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // Scheduled and sending issues, for the pass that starts what is due.
    await db.schema
      .createIndex('newsletter_issues_status')
      .on('newsletter_issues')
      .columns(['status', 'send_at'])
      .execute();
    await db.schema.alterTable('newsletter_deliveries').addColumn('opened_at', TIME).execute();
    await db.schema.alterTable('newsletter_deliveries').addColumn('clicked_at', TIME).execute();
    // The shared pace: each sender reserves the next slots here, so all processes together keep to the rate.
    await db.schema
      .createTable('newsletter_pace')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('next_at', TIME, (c) => c.notNull())
      .execute();
    await db.insertInto('newsletter_pace').values({ id: 1, next_at: 0 }).execute();
  },
};
