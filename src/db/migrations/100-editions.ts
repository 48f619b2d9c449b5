import { sql } from 'kysely';
import { type DialectMigration, notNull } from './helpers.js';

/**
 * Editions: every story belongs to one language and may be one of a group of translations (the group is named by
 * the id of the story it started from); a byline can be a translator's credit; sections, tags and authors have a
 * name, description or bio per language (the row itself holds the primary edition's words). Existing stories take
 * the newsroom's language as it was set. Listings per edition read the new (language, status, time) indexes. Frozen.
 */
export const m100Editions: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('stories')
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
      .execute();
    await db.schema.alterTable('stories').addColumn('translation_group', 'integer').execute();
    await sql`update stories set language = coalesce((select value from settings where key = 'site.language'), 'en')`.execute(
      db,
    );
    await db.schema
      .createIndex('stories_edition_feed')
      .on('stories')
      .columns(['language', 'status', 'published_at', 'id'])
      .execute();
    await db.schema
      .createIndex('stories_section_edition_feed')
      .on('stories')
      .columns(['section_id', 'language', 'status', 'published_at', 'id'])
      .execute();
    await db.schema.createIndex('stories_translation_group').on('stories').columns(['translation_group']).execute();

    await db.schema
      .alterTable('story_authors')
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('author'))
      .execute();

    await db.schema
      .createTable('section_translations')
      .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
      .addColumn('language', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('section_translations_pk', ['section_id', 'language'])
      .execute();
    await db.schema
      .createTable('tag_translations')
      .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addColumn('language', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('tag_translations_pk', ['tag_id', 'language'])
      .execute();
    await db.schema
      .createTable('author_translations')
      .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
      .addColumn('language', 'text', notNull)
      .addColumn('role_title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('short_bio', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('author_translations_pk', ['author_id', 'language'])
      .execute();
  },
};
