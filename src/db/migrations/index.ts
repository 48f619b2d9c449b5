import type { DialectMigration } from './helpers.js';
import { m001Content } from './001-content.js';
import { m030ImageCrops } from './030-image-crops.js';
import { m031SitemapIndex } from './031-sitemap-index.js';

/**
 * Every migration, in order. Names sort by their number; a migration is frozen once committed.
 * Add new ones at the end with the next number.
 */
export const migrations: Record<string, DialectMigration> = {
  '001-content': m001Content,
  '030-image-crops': m030ImageCrops,
  '031-sitemap-index': m031SitemapIndex,
};
