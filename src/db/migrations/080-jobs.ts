import { sql } from 'kysely';
import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * The job queue every kind of background work runs on (src/jobs): scheduled publishing, webhook
 * deliveries, and what comes next. Webhook deliveries still waiting when this runs become jobs, so none
 * is lost in the move from the webhooks' own loop. Frozen.
 */
export const m080Jobs: DialectMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('jobs'), dialect)
      .addColumn('kind', 'text', notNull)
      .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
      .addColumn('run_at', TIME, notNull)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', notNull)
      .addColumn('locked_until', TIME)
      .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('dedupe_key', 'text')
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();
    // Several processes hearing the same event enqueue it once (NULL keys never clash on either engine).
    await db.schema.createIndex('jobs_dedupe').unique().on('jobs').column('dedupe_key').execute();
    // Runners look for due rows by status and time.
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

    await sql`
      insert into jobs (kind, payload, status, run_at, attempts, max_attempts, locked_until, last_error, dedupe_key, created_at, updated_at)
      select 'webhook.deliver', '{"deliveryId":' || id || '}', 'queued', next_attempt_at, attempts, 6, null, last_error,
        'webhook.deliver:' || id, created_at, created_at
      from webhook_deliveries where status in ('pending', 'delivering') order by id`.execute(db);
  },
};
