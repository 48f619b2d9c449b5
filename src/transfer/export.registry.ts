import type { Database } from '../db/database.js';

/** How one table travels in a Broadsheet export. */
export interface ExportedTable {
  name: keyof Database & string;
  /** Columns the rows are ordered by, so the same data always gives the same file. */
  key: string[];
  /** Has an auto-increment `id` (its sequence is moved past the restored ids on PostgreSQL). */
  serial?: boolean;
  /** Secret columns: left out unless --with-secrets; restored as this placeholder when absent. */
  secrets?: Record<string, string | number | null>;
  /** Columns pointing at rows of the same table (inserted empty, then set once every row exists). */
  selfRefs?: string[];
}

/**
 * Every table a Broadsheet export carries, in an order where each table comes after the ones it refers to.
 * A new table goes here (or into NOT_EXPORTED with its reason); the registry test fails until it is in one of them.
 */
export const EXPORT_TABLES: readonly ExportedTable[] = [
  { name: 'settings', key: ['key'] },
  { name: 'images', key: ['id'], serial: true },
  { name: 'authors', key: ['id'], serial: true },
  // "!" is not a hash any password matches: restored accounts without secrets need `user password` first.
  { name: 'users', key: ['id'], serial: true, secrets: { password_hash: '!' } },
  { name: 'sections', key: ['id'], serial: true, selfRefs: ['parent_id'] },
  { name: 'tags', key: ['id'], serial: true },
  { name: 'section_translations', key: ['section_id', 'language'] },
  { name: 'tag_translations', key: ['tag_id', 'language'] },
  { name: 'author_translations', key: ['author_id', 'language'] },
  { name: 'stories', key: ['id'], serial: true },
  { name: 'story_authors', key: ['story_id', 'author_id'] },
  { name: 'story_tags', key: ['story_id', 'tag_id'] },
  { name: 'story_embeds', key: ['story_id', 'embedded_story_id'] },
  { name: 'story_slugs', key: ['slug'] },
  { name: 'story_revisions', key: ['id'], serial: true },
  { name: 'story_desk', key: ['story_id'] },
  { name: 'story_comments', key: ['id'], serial: true },
  { name: 'story_notes', key: ['id'], serial: true },
  { name: 'story_pending', key: ['id'], serial: true },
  { name: 'liveblog_entries', key: ['id'], serial: true },
  // A webhook restored without its signing secret signs with "!": receivers reject it until a new secret is set.
  { name: 'webhooks', key: ['id'], serial: true, secrets: { secret: '!' } },
  { name: 'import_map', key: ['source', 'kind', 'source_id'] },
  { name: 'redirects', key: ['path'] },
  { name: 'pending_media', key: ['id'], serial: true },
  { name: 'readers', key: ['id'], serial: true },
  { name: 'newsletters', key: ['id'], serial: true },
  { name: 'newsletter_subscriptions', key: ['newsletter_id', 'reader_id'] },
  { name: 'newsletter_issues', key: ['id'], serial: true },
  { name: 'newsletter_deliveries', key: ['id'], serial: true },
  { name: 'comments', key: ['id'], serial: true, selfRefs: ['parent_id'] },
  { name: 'comment_reports', key: ['id'], serial: true },
  { name: 'moderation_actions', key: ['id'], serial: true },
  { name: 'tiers', key: ['id'], serial: true },
  { name: 'memberships', key: ['id'], serial: true },
  { name: 'payment_customers', key: ['reader_id'] },
  // Events already processed stay processed after a move: a provider's retry is still a duplicate.
  { name: 'payment_events', key: ['id'], serial: true },
  { name: 'donations', key: ['id'], serial: true },
  { name: 'gift_links', key: ['id'], serial: true },
];

/** Tables deliberately left out of exports, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  kysely_migration: 'the schema version belongs to the installation; the importer migrates its own database',
  kysely_migration_lock: 'migration lock of the installation',
  sessions: 'sign-ins belong to one installation; people sign in again after a move',
  login_failures: 'rate-limiting state, minutes long',
  known_devices: 'browsers trusted to sign in, tied to cookies of one installation',
  sign_in_alerts: 'lock-out notices of one installation',
  invites: 'single-use tokens for one installation',
  reader_tokens: 'emailed sign-in links, minutes long and tied to one installation',
  reader_sessions: 'readers sign in again after a move, like staff',
  reader_rate_events: 'rate-limiting state, minutes long',
  mail_outbox: 'mail kept locally by an installation without SMTP',
  newsletter_pace: 'the send pace of one installation, seconds long',
  story_presence: 'who has a story open right now',
  meter_reads: 'which gated stories a reader opened in the last 30 days: metering state, not kept across a move',
  // Derived or short-lived tables of other parts (listed ahead of their merge so exports stay exact):
  story_search: 'the search index, rebuilt from stories',
  story_search_data: 'search index internals (SQLite FTS5)',
  story_search_idx: 'search index internals (SQLite FTS5)',
  story_search_content: 'search index internals (SQLite FTS5)',
  story_search_docsize: 'search index internals (SQLite FTS5)',
  story_search_config: 'search index internals (SQLite FTS5)',
  webhook_deliveries: 'delivery log of one installation',
  webhook_attempts: 'delivery log of one installation',
  feed_events: 'the live feed replay window, minutes long',
  jobs: 'background work queued by one installation (deliveries, scheduled passes); the importer starts its own',
};
