import type { DialectMigration } from './helpers.js';

/**
 * A tag has a description in the primary edition's words, as a section has (its other languages' are in
 * tag_translations, migration 100). Shown under the tag page's title. Frozen.
 */
export const m108TagDescriptions: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('tags')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  },
};
