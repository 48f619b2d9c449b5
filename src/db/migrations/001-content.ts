import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/** The content model: settings, images, authors, sections, tags, stories and their links. Frozen. */
export const m001Content: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', notNull)
      .execute();

    await withId(db.schema.createTable('images'), dialect)
      .addColumn('storage_key', 'text', notNull)
      .addColumn('mime', 'text', notNull)
      .addColumn('width', 'integer', notNull)
      .addColumn('height', 'integer', notNull)
      .addColumn('bytes', 'integer', notNull)
      .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .execute();

    await withId(db.schema.createTable('authors'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('role_title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('short_bio', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('avatar_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('user_id', 'integer')
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();

    await withId(db.schema.createTable('sections'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await withId(db.schema.createTable('tags'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .execute();

    await withId(db.schema.createTable('stories'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('headline', 'text', notNull)
      .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('body', 'text', notNull)
      .addColumn('hero_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('hero_caption', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hero_credit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hero_alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('story'))
      .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('published_at', TIME)
      .addColumn('updated_at', TIME, notNull)
      .addColumn('created_at', TIME, notNull)
      .execute();
    // The News Feed and every keyset-paged listing walk this index newest first.
    await db.schema.createIndex('stories_feed').on('stories').columns(['status', 'published_at', 'id']).execute();
    await db.schema
      .createIndex('stories_section_feed')
      .on('stories')
      .columns(['section_id', 'status', 'published_at', 'id'])
      .execute();

    await db.schema
      .createTable('story_authors')
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('story_authors_pk', ['story_id', 'author_id'])
      .execute();
    await db.schema
      .createIndex('story_authors_author')
      .on('story_authors')
      .columns(['author_id', 'story_id'])
      .execute();

    await db.schema
      .createTable('story_tags')
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('story_tags_pk', ['story_id', 'tag_id'])
      .execute();
    await db.schema.createIndex('story_tags_tag').on('story_tags').columns(['tag_id', 'story_id']).execute();

    await db.schema
      .createTable('story_embeds')
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .addColumn('embedded_story_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('story_embeds_pk', ['story_id', 'embedded_story_id'])
      .execute();
    await db.schema.createIndex('story_embeds_embedded').on('story_embeds').columns(['embedded_story_id']).execute();

    await db.schema
      .createTable('story_slugs')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      .execute();
  },
};
