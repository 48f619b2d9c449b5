import type { DialectMigration } from './helpers.js';

/**
 * Who uploaded each image (a desk user's id; null for imports, the demo and images from before), so a
 * contributor may delete their own upload while no story uses it. Frozen.
 */
export const m090ImageUploader: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('images').addColumn('uploaded_by', 'integer').execute();
  },
};
