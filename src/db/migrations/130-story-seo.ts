import type { DialectMigration } from './helpers.js';

/**
 * A story's own words for search engines and social cards, each empty (or null) when the defaults apply: the
 * page's title and meta description (meta_title, meta_description; the headline and the dek or excerpt otherwise),
 * the OpenGraph and Twitter card's title, description and image (og_*, twitter_*; falling back to the meta words and
 * the hero image), a canonical URL override (canonical_url: the story's own URL when empty) and `noindex` (1 keeps
 * the page out of search engines and the sitemaps). Imports bring them from Ghost (posts_meta) and WordPress (Yoast,
 * Rank Math); the desk edits them in the editor's settings. Frozen.
 */
export const m130StorySeo: DialectMigration = {
  async up(db) {
    for (const column of [
      'meta_title',
      'meta_description',
      'og_title',
      'og_description',
      'twitter_title',
      'twitter_description',
      'canonical_url',
    ])
      await db.schema
        .alterTable('stories')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    for (const column of ['og_image_id', 'twitter_image_id'])
      await db.schema
        .alterTable('stories')
        .addColumn(column, 'integer', (c) => c.references('images.id').onDelete('set null'))
        .execute();
    await db.schema
      .alterTable('stories')
      .addColumn('noindex', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
