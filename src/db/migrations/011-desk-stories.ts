import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * The desk's story tables: revisions (every save, full snapshot), desk state (who created a story,
 * its approval), review comments, reader-visible correction/update notes, scheduled updates of
 * published stories, and presence (who has a story open).
 */
export const m011DeskStories: DialectMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('story_revisions'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('revision', 'integer', notNull)
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('user_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('save'))
      .addColumn('snapshot', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .execute();
    // One row per (story, revision): the unique index is what refuses a second save based on the same revision.
    await db.schema
      .createIndex('story_revisions_story_revision')
      .unique()
      .on('story_revisions')
      .columns(['story_id', 'revision'])
      .execute();

    await db.schema
      .createTable('story_desk')
      .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('approved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('approved_at', TIME)
      .execute();

    await withId(db.schema.createTable('story_comments'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('user_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kind', 'text', notNull)
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('story_comments_story')
      .on('story_comments')
      .columns(['story_id', 'created_at'])
      .execute();

    await withId(db.schema.createTable('story_notes'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('kind', 'text', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema.createIndex('story_notes_story').on('story_notes').columns(['story_id', 'created_at']).execute();

    await withId(db.schema.createTable('story_pending'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('revision', 'integer', notNull)
      .addColumn('go_live_at', TIME, notNull)
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', TIME, notNull)
      .addColumn('applied_at', TIME)
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('story_pending_due')
      .on('story_pending')
      .columns(['applied_at', 'cancelled', 'go_live_at'])
      .execute();

    await db.schema
      .createTable('story_presence')
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('seen_at', TIME, notNull)
      .addPrimaryKeyConstraint('story_presence_pk', ['story_id', 'user_id'])
      .execute();

    // The desk's story list walks stories newest first; scheduled stories are found by time.
    await db.schema.createIndex('stories_desk_created').on('stories').columns(['created_at', 'id']).execute();
  },
};
