import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/** Desk accounts: users, server-side sessions, login attempts (rate limiting) and staff invites. */
export const m010Users: DialectMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('users'), dialect)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('password_hash', 'text', notNull)
      .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', TIME)
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();

    // The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens no session.
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', notNull)
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('last_seen_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

    // One row per failed sign-in, keyed by "account:<email>" and "address:<ip>"; counted in a sliding window.
    await withId(db.schema.createTable('login_failures'), dialect)
      .addColumn('key', 'text', notNull)
      .addColumn('at', TIME, notNull)
      .execute();
    await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'at']).execute();

    await withId(db.schema.createTable('invites'), dialect)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .addColumn('used_at', TIME)
      .execute();
  },
};
