import type { DialectMigration } from './helpers.js';

/** Fixed-ratio crops of each image (16:9, 4:3, 1:1) for structured data and feeds. Frozen. */
export const m030ImageCrops: DialectMigration = {
  async up(db) {
    // JSON array of {ratio, width, height, key, bytes}; '[]' for images made before crops existed.
    await db.schema
      .alterTable('images')
      .addColumn('crops', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};
