import { type DialectMigration, TIME, notNull, withId } from './helpers.js';

/**
 * Readers (issue 13): reader accounts signed in by an email link, their sessions, the mail outbox of an
 * installation without SMTP, newsletters with their subscriptions, issues and per-recipient deliveries, and
 * readers' comments with reports and the moderation log. Frozen.
 */
export const m110Readers: DialectMigration = {
  async up(db, dialect) {
    // A reader: one row per address (stored lower-cased). Erasing an account blanks its personal fields and
    // sets deleted_at; the row stays so comments can say "a former reader" and a delivery log keeps its key.
    await withId(db.schema.createTable('readers'), dialect)
      .addColumn('email', 'text', notNull)
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('comment_name', 'text', (c) => c.notNull().defaultTo(''))
      // The edition language the reader signed up in (emails and pages about the account use it).
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
      // Where the reader first signed up: 'story', 'footer', 'newsletters', 'embed', 'account', 'import:ghost', …
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      // The page or form it happened on (a story's path, an embedding site's origin).
      .addColumn('source_detail', 'text', (c) => c.notNull().defaultTo(''))
      // Set when the address is confirmed by following an emailed link (double opt-in).
      .addColumn('confirmed_at', TIME)
      // A permanent SMTP failure: nothing more is sent to the address until it changes.
      .addColumn('bouncing_at', TIME)
      .addColumn('bounce_reason', 'text', (c) => c.notNull().defaultTo(''))
      // Editors can ban a reader from commenting.
      .addColumn('comments_banned_at', TIME)
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .addColumn('deleted_at', TIME)
      .execute();
    await db.schema.createIndex('readers_email').unique().on('readers').column('email').execute();
    await db.schema.createIndex('readers_created').on('readers').columns(['created_at', 'id']).execute();

    // One emailed link: sign in / sign up (purpose 'sign-in') or confirm a new address ('email-change').
    // The token is stored as SHA-256 (hex); single use (used_at), short-lived (expires_at).
    await withId(db.schema.createTable('reader_tokens'), dialect)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      .addColumn('purpose', 'text', notNull)
      .addColumn('new_email', 'text')
      // JSON the link carries out when followed, e.g. {"newsletters":[1,3],"next":"/stories/x"}.
      .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .addColumn('used_at', TIME)
      .execute();
    await db.schema
      .createIndex('reader_tokens_reader')
      .on('reader_tokens')
      .columns(['reader_id', 'created_at'])
      .execute();

    // A reader's signed-in browser. Its own cookie (never the desk's); revoked one by one or all at once.
    await withId(db.schema.createTable('reader_sessions'), dialect)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('last_seen_at', TIME, notNull)
      .addColumn('expires_at', TIME, notNull)
      .addColumn('revoked_at', TIME)
      .execute();
    await db.schema.createIndex('reader_sessions_reader').on('reader_sessions').column('reader_id').execute();

    // Counted attempts for rate limits on reader actions (bucket: 'sign-in:email', 'sign-in:ip', 'comment', …).
    await withId(db.schema.createTable('reader_rate_events'), dialect)
      .addColumn('bucket', 'text', notNull)
      .addColumn('key', 'text', notNull)
      .addColumn('at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('reader_rate_events_key')
      .on('reader_rate_events')
      .columns(['bucket', 'key', 'at'])
      .execute();

    // Mail kept locally when no SMTP_URL is configured (the demo, a laptop); the desk shows it.
    await withId(db.schema.createTable('mail_outbox'), dialect)
      .addColumn('kind', 'text', notNull)
      .addColumn('to_address', 'text', notNull)
      .addColumn('from_address', 'text', notNull)
      .addColumn('subject', 'text', notNull)
      .addColumn('html', 'text', notNull)
      .addColumn('text', 'text', notNull)
      // JSON object of the extra headers the message carried (List-Unsubscribe, …).
      .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema.createIndex('mail_outbox_created').on('mail_outbox').columns(['created_at', 'id']).execute();

    // A newsletter the desk defines (a morning briefing, breaking-news alerts, a weekly long read).
    await withId(db.schema.createTable('newsletters'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sender_name', 'text', notNull)
      .addColumn('sender_email', 'text', notNull)
      .addColumn('reply_to', 'text', (c) => c.notNull().defaultTo(''))
      // The edition language it is written in ('' = any).
      .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
      // 1: a new reader gets it unless they untick it.
      .addColumn('default_on', 'integer', (c) => c.notNull().defaultTo(0))
      // 1: listed on /newsletters and in sign-up forms.
      .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
      // An automatic daily digest at this hour (0–23) in the newsroom's time zone; null = none.
      .addColumn('digest_hour', 'integer')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('archived_at', TIME)
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();

    // A reader's choice per newsletter; unsubscribing keeps the row (status 'unsubscribed').
    await db.schema
      .createTable('newsletter_subscriptions')
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
      .addColumn('status', 'text', notNull)
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .addPrimaryKeyConstraint('newsletter_subscriptions_pk', ['newsletter_id', 'reader_id'])
      .execute();
    await db.schema
      .createIndex('newsletter_subscriptions_reader')
      .on('newsletter_subscriptions')
      .column('reader_id')
      .execute();

    // One issue of a newsletter: a story sent as an email, or a digest of stories with an intro.
    await withId(db.schema.createTable('newsletter_issues'), dialect)
      .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
      .addColumn('kind', 'text', notNull)
      .addColumn('story_id', 'integer', (c) => c.references('stories.id').onDelete('set null'))
      // JSON array of story ids, in order (a digest).
      .addColumn('story_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('subject', 'text', notNull)
      .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
      // 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled'
      .addColumn('status', 'text', notNull)
      .addColumn('send_at', TIME)
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .addColumn('sent_at', TIME)
      .execute();
    await db.schema
      .createIndex('newsletter_issues_list')
      .on('newsletter_issues')
      .columns(['newsletter_id', 'created_at', 'id'])
      .execute();

    // One recipient of one issue: the unique pair is what makes "each recipient gets each issue exactly once".
    await withId(db.schema.createTable('newsletter_deliveries'), dialect)
      .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
      .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
      // 'pending' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped'
      .addColumn('status', 'text', notNull)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', TIME, notNull)
      .addColumn('sent_at', TIME)
      .execute();
    await db.schema
      .createIndex('newsletter_deliveries_pair')
      .unique()
      .on('newsletter_deliveries')
      .columns(['issue_id', 'reader_id'])
      .execute();
    await db.schema
      .createIndex('newsletter_deliveries_status')
      .on('newsletter_deliveries')
      .columns(['issue_id', 'status', 'id'])
      .execute();

    // A reader's comment on a story; replies are one level deep (parent_id names a top-level comment).
    await withId(db.schema.createTable('comments'), dialect)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
      // null once the reader's account is erased and the newsroom keeps comments ("a former reader").
      .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
      .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
      .addColumn('body', 'text', notNull)
      // 'pending' | 'approved' | 'hidden' | 'spam'
      .addColumn('status', 'text', notNull)
      .addColumn('created_at', TIME, notNull)
      .addColumn('updated_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('comments_story')
      .on('comments')
      .columns(['story_id', 'status', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('comments_queue').on('comments').columns(['status', 'created_at', 'id']).execute();
    await db.schema.createIndex('comments_reader').on('comments').columns(['reader_id', 'created_at']).execute();
    await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();

    // A reader's report of a comment (one per reader and comment).
    await withId(db.schema.createTable('comment_reports'), dialect)
      .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
      .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .addColumn('resolved_at', TIME)
      .execute();
    await db.schema
      .createIndex('comment_reports_pair')
      .unique()
      .on('comment_reports')
      .columns(['comment_id', 'reader_id'])
      .execute();

    // Every moderation action (approve, hide, spam, restore, ban, unban, delete), with who did it.
    await withId(db.schema.createTable('moderation_actions'), dialect)
      .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
      .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('action', 'text', notNull)
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', TIME, notNull)
      .execute();
    await db.schema
      .createIndex('moderation_actions_created')
      .on('moderation_actions')
      .columns(['created_at', 'id'])
      .execute();

    // Per story: comments 'on' (the site's rule applies), 'off', or 'closed' (shown, no new ones).
    await db.schema
      .alterTable('stories')
      .addColumn('comments', 'text', (c) => c.notNull().defaultTo('on'))
      .execute();
  },
};
