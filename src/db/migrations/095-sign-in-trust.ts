import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Sign-in trust (the per-account lock is no lock-out button): the browsers and addresses that signed in
 * well to an account, the address of each failed sign-in, and the notices an owner reads after a lock. Frozen.
 */
export const m095SignInTrust: DialectMigration = {
  async up(db, dialect) {
    // One row per browser (the random token of its long-lived cookie, stored as SHA-256) and account that
    // signed in with the right password, with the address it last did so from.
    await withId(db.schema.createTable('known_devices'), dialect)
      .addColumn('token_hash', 'text', notNull)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('last_used_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('known_devices_token_user')
      .unique()
      .on('known_devices')
      .columns(['token_hash', 'user_id'])
      .execute();
    await db.schema.createIndex('known_devices_user_ip').on('known_devices').columns(['user_id', 'ip']).execute();

    // Where each failed sign-in came from, so the owner's notice can list them.
    await db.schema
      .alterTable('login_failures')
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    // One notice per lock of an account (dedupe_key: the account and the lock's first failure), shown on the
    // owner's next sign-in until dismissed. `attempts` is JSON: [{ at, ip }].
    await withId(db.schema.createTable('sign_in_alerts'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('attempts', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .addColumn('seen_at', TIME)
      .execute();
    await db.schema.createIndex('sign_in_alerts_user').on('sign_in_alerts').columns(['user_id', 'seen_at']).execute();
  },
};
