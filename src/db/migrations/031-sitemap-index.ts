import type { DialectMigration } from './helpers.js';

/**
 * Lets story sitemaps be read from the index alone: the per-file aggregate of the sitemap index and each
 * file's (id, slug, updated_at) rows, without touching the table's wide rows (bodies). Frozen.
 */
export const m031SitemapIndex: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('stories_sitemap')
      .on('stories')
      .columns(['status', 'id', 'updated_at', 'slug'])
      .execute();
  },
};
