import { sql } from 'kysely';
import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * The live layer: an append-only log of feed events (the SSE stream replays it after a reconnect),
 * live-blog entries, and the end of a live blog's coverage on the story itself (so every listing knows
 * whether a live blog is still live without another query).
 */
export const m050Live: DialectMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('feed_events'), dialect)
      .addColumn('type', 'text', notNull)
      .addColumn('story_id', 'integer', notNull)
      .addColumn('entry_id', 'integer')
      .addColumn('at', TIME, notNull)
      .execute();

    await withId(db.schema.createTable('liveblog_entries'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('body', 'text', notNull)
      .addColumn('author_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('liveblog_entries_story')
      .on('liveblog_entries')
      .columns(['story_id', 'created_at', 'id'])
      .execute();

    await sql`alter table stories add column coverage_ended_at bigint`.execute(db);
  },
};
