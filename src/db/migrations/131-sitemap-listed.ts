import { sql } from 'kysely';
import type { DialectMigration } from './helpers.js';

/**
 * Story sitemaps leave out pages (kind 'page') and stories kept from search engines (noindex = 1), and still read
 * the index alone: 031's (status, id, updated_at, slug) index becomes a partial one over the stories a sitemap may
 * list (kind and noindex ride along so SQLite sees it as covering: it does not drop columns the predicate settles).
 * The predicate is written with literals, as the sitemap queries write it (sql.lit), so both engines see that
 * a query implies it. Frozen.
 */
export const m131SitemapListed: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('stories_sitemap_listed')
      .on('stories')
      .columns(['status', 'id', 'updated_at', 'slug', 'kind', 'noindex'])
      .where(sql.ref('kind'), '<>', sql.lit('page'))
      .where(sql.ref('noindex'), '=', sql.lit(0))
      .execute();
    await db.schema.dropIndex('stories_sitemap').execute();
  },
};
