import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Safety for the newsroom's accounts (issue 15): staff two-factor sign-in (a TOTP secret per account, its
 * single-use recovery codes, the short-lived pending sign-in between the password and the code), the audit log
 * of desk actions, and the content API's keys. Secrets and codes are stored so an export without --with-secrets
 * leaves them out; codes and keys only as SHA-256. Frozen.
 */
export const m151DeskSafety: DialectMigration = {
  async up(db, dialect) {
    // totp_secret: the confirmed secret (base32; '' = two-factor off). totp_pending: a secret being enrolled,
    // not yet confirmed with a code. totp_last_step: the newest 30-second step a code was accepted for, so a
    // code cannot be used twice.
    for (const column of ['totp_secret', 'totp_pending'])
      await db.schema
        .alterTable('users')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    await db.schema.alterTable('users').addColumn('totp_enabled_at', TIME).execute();
    await db.schema
      .alterTable('users')
      .addColumn('totp_last_step', TIME, (c) => c.notNull().defaultTo(0))
      .execute();

    await withId(db.schema.createTable('recovery_codes'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .addColumn('used_at', TIME)
      .execute();
    await db.schema.createIndex('recovery_codes_user').on('recovery_codes').columns(['user_id', 'code_hash']).execute();

    // A password that was right, waiting for its second step: stage 'code' (give a code) or 'enrol' (the role
    // requires two-factor and the account has none yet). Its cookie's token is stored as SHA-256.
    await db.schema
      .createTable('pending_sign_ins')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('stage', 'text', notNull)
      .addColumn('next', 'text', (c) => c.notNull().defaultTo('/desk'))
      .addColumn('created_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .execute();

    // Who did what in the desk, when and from where. user_id is not a foreign key: the record outlives nothing
    // it names, and `actor` keeps the name shown at the time.
    await withId(db.schema.createTable('audit_log'), dialect)
      .addColumn('at', TIME, notNull)
      .addColumn('user_id', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('action', 'text', notNull)
      .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'at', 'id']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at', 'id']).execute();

    // A key of the content API: shown once, stored as SHA-256; prefix is its first characters, to tell keys
    // apart in the desk. per_minute: its own rate limit. can_preview: may read drafts' previews.
    await withId(db.schema.createTable('api_keys'), dialect)
      .addColumn('name', 'text', notNull)
      .addColumn('prefix', 'text', notNull)
      .addColumn('key_hash', 'text', notNull)
      .addColumn('can_preview', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('per_minute', 'integer', (c) => c.notNull().defaultTo(120))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', TIME, notNull)
      .addColumn('last_used_at', TIME)
      .addColumn('revoked_at', TIME)
      .execute();
    // Not unique: keys restored without secrets all hold the placeholder '!', which no key hashes to.
    await db.schema.createIndex('api_keys_hash').on('api_keys').column('key_hash').execute();
  },
};
