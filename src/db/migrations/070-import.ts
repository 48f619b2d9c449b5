import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Moving in: which source record became which row (idempotent re-imports), the old URLs that answer
 * with a 301, and images an import could not fetch (kept with their source URL to fetch later).
 */
export const m070Import: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('import_map')
      .addColumn('source', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('source_id', 'text', notNull)
      .addColumn('target_id', 'integer', notNull)
      .addColumn('created_at', TIME, notNull)
      .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'source_id'])
      .execute();

    await db.schema
      .createTable('redirects')
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('target_kind', 'text', notNull)
      .addColumn('target_id', 'integer', notNull)
      .addColumn('created_at', TIME, notNull)
      .execute();

    await withId(db.schema.createTable('pending_media'), dialect)
      .addColumn('source_url', 'text', notNull)
      .addColumn('target_kind', 'text', notNull)
      .addColumn('target_id', 'integer', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('pending_media_target')
      .on('pending_media')
      .columns(['target_kind', 'target_id'])
      .execute();
  },
};
