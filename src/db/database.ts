import type { Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ApiKeyTable, AuditLogTable, PendingSignInTable, RecoveryCodeTable } from './safety.table.js';

/**
 * The shape of every table, as Kysely sees it. Times are UTC epoch milliseconds (integers),
 * flags are 0/1 integers and JSON is stored as text, so one set of queries runs on SQLite and PostgreSQL.
 */
export interface SettingTable {
  key: string;
  value: string;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  role_title: string;
  bio: string;
  /** Short bio for author cards; the full bio is shown on the author page. */
  short_bio: string;
  avatar_image_id: number | null;
  /** JSON array of {label, url}. */
  links: string;
  user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  position: number;
  /** The access level new stories of the section start with (140-billing), and its tier ids (JSON array). */
  default_access: Generated<AccessLevel>;
  default_access_tiers: Generated<string>;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** In the primary edition's words (migration 108); the other languages' are in tag_translations. */
  description: Generated<string>;
}

export interface ImageTable {
  id: Generated<number>;
  /** Key of the full-size public copy in the media store (`…/full.<ext>`; `…/original.<ext>` before `media strip`). */
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** JSON array of {width, format, key} for the responsive variants. */
  variants: string;
  alt: string;
  caption: string;
  credit: string;
  created_at: number;
  /** JSON array of {ratio, width, height, key, bytes}: fixed-ratio crops (migration 030); '[]' on older images. */
  crops: Generated<string>;
  /** The desk user who uploaded it (migration 090); null for imports, the demo and older images. */
  uploaded_by: number | null;
}

export type StoryStatus = 'draft' | 'review' | 'scheduled' | 'published';

export interface StoryTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  excerpt: string;
  /** The structured document (JSON text), validated at every write. */
  body: string;
  hero_image_id: number | null;
  hero_caption: string;
  hero_credit: string;
  hero_alt: string;
  section_id: number;
  status: StoryStatus;
  kind: StoryKind;
  word_count: number;
  reading_minutes: number;
  published_at: number | null;
  updated_at: number;
  created_at: number;
  /** Live blogs: when coverage ended (null while live). Added by 050-live. */
  coverage_ended_at?: number | null;
  /** The edition's language code the story is written in (100-editions). */
  language: Generated<string>;
  /** Translations of one story share this: the id of the story the group started from; null when it has none. */
  translation_group: number | null;
  /** Readers' comments: 'on' (the site's rule applies), 'off', or 'closed' (shown, no new ones). Added by 110-readers. */
  comments: Generated<StoryCommentsMode>;
  /** Search and social (130-story-seo): each empty or null when the default applies (see StorySeo). */
  meta_title: Generated<string>;
  meta_description: Generated<string>;
  og_title: Generated<string>;
  og_description: Generated<string>;
  og_image_id: Generated<number | null>;
  twitter_title: Generated<string>;
  twitter_description: Generated<string>;
  twitter_image_id: Generated<number | null>;
  /** An absolute URL that is this story's canonical address instead of its own (syndicated copies). */
  canonical_url: Generated<string>;
  /** 1: kept out of search engines (robots noindex) and the sitemaps. */
  noindex: Generated<number>;
  /** Who may read it (140-billing): see AccessLevel; `access_tiers` is a JSON array of tier ids for 'tiers'. */
  access: Generated<AccessLevel>;
  access_tiers: Generated<string>;
}

/** Who may read a story: everyone, signed-in readers, readers of any paid tier, or readers of the listed tiers. */
export type AccessLevel = 'public' | 'members' | 'paid' | 'tiers';

/** A kind of story: a news story, a live blog, or a static page (an import's About page: never listed). */
export type StoryKind = 'story' | 'liveblog' | 'page';

export type StoryCommentsMode = 'on' | 'off' | 'closed';

export interface StoryAuthorTable {
  story_id: number;
  author_id: number;
  position: number;
  /** 'author' (the byline) or 'translator' (credited under it). */
  role: Generated<StoryCreditRole>;
}

export type StoryCreditRole = 'author' | 'translator';

/** A section's name and description in an edition other than the primary one (the section row holds those). */
export interface SectionTranslationTable {
  section_id: number;
  language: string;
  name: string;
  description: string;
}

/** A tag's name and description in another edition's language. */
export interface TagTranslationTable {
  tag_id: number;
  language: string;
  name: string;
  description: string;
}

/** An author's role title and bios in another edition's language. */
export interface AuthorTranslationTable {
  author_id: number;
  language: string;
  role_title: string;
  bio: string;
  short_bio: string;
}

export interface StoryTagTable {
  story_id: number;
  tag_id: number;
}

/** Which stories a story's body embeds: lets a change to one invalidate the pages that show it. */
export interface StoryEmbedTable {
  story_id: number;
  embedded_story_id: number;
}

/** Old slugs of a story, answered with a 301 to the current one. */
export interface StorySlugTable {
  slug: string;
  story_id: number;
}

/** Desk roles, most powerful first. */
export type UserRole = 'owner' | 'admin' | 'editor' | 'author' | 'contributor';

export interface UserTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: UserRole;
  /** argon2id PHC string. */
  password_hash: string;
  /** The byline profile this account writes as. */
  author_id: number | null;
  disabled: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
  /** Two-factor sign-in (migration 151): the confirmed TOTP secret, base32; '' when off. */
  totp_secret: Generated<string>;
  /** A secret being enrolled, not confirmed with a code yet ('' when none). */
  totp_pending: Generated<string>;
  totp_enabled_at: number | null;
  /** The newest 30-second step a code was accepted for (a code is good once). */
  totp_last_step: Generated<number>;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie token. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  at: number;
  /** The address the failed sign-in came from. */
  ip: Generated<string>;
}

/** A browser (its long-lived cookie's token, hashed) that signed in to an account with the right password. */
export interface KnownDeviceTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  /** The address of its latest good sign-in. */
  ip: string;
  created_at: number;
  last_used_at: number;
}

/** A notice to an account's owner that the account was locked by failed sign-ins. */
export interface SignInAlertTable {
  id: Generated<number>;
  user_id: number;
  dedupe_key: string;
  /** JSON: the failed attempts, [{ at, ip }]. */
  attempts: string;
  created_at: number;
  seen_at: number | null;
}

export interface InviteTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  role: UserRole;
  invited_by: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Every save of a story in the desk: who, when, and the full snapshot (JSON of the editable fields). */
export interface StoryRevisionTable {
  id: Generated<number>;
  story_id: number;
  revision: number;
  user_id: number | null;
  user_name: string;
  kind: 'save' | 'restore' | 'create';
  snapshot: string;
  created_at: number;
}

/** Desk-only state of a story: its creator (ownership) and approval. */
export interface StoryDeskTable {
  story_id: number;
  created_by: number | null;
  approved_by: number | null;
  approved_at: number | null;
}

export type StoryCommentKind =
  | 'comment'
  | 'submitted'
  | 'approved'
  | 'withdrawn'
  | 'returned'
  | 'published'
  | 'scheduled'
  | 'unpublished';

export interface StoryCommentTable {
  id: Generated<number>;
  story_id: number;
  user_id: number | null;
  user_name: string;
  kind: StoryCommentKind;
  body: string;
  created_at: number;
}

/** A dated correction or update readers see on the story. */
export interface StoryNoteTable {
  id: Generated<number>;
  story_id: number;
  kind: 'correction' | 'update';
  body: string;
  user_id: number | null;
  created_at: number;
}

/** A revision of a published story scheduled to go live at a time. */
export interface StoryPendingTable {
  id: Generated<number>;
  story_id: number;
  revision: number;
  go_live_at: number;
  created_by: number | null;
  created_at: number;
  applied_at: number | null;
  cancelled: number;
}

export interface StoryPresenceTable {
  story_id: number;
  user_id: number;
  seen_at: number;
}

/**
 * The full-text index of published stories (src/search). On SQLite an FTS5 table keyed by rowid
 * (= story id); on PostgreSQL a table keyed by story_id with a generated tsvector `document`.
 * headline, dek and body hold the processed tokens (search.words.ts), not the text as written;
 * `language` is the story's.
 */
export interface StorySearchTable {
  rowid?: number;
  story_id?: number;
  headline: string;
  dek: string;
  body: string;
  language: string;
}

/** A webhook subscription (src/webhooks). `events` is a JSON array of event types. */
export interface WebhookTable {
  id: Generated<number>;
  url: string;
  secret: string;
  events: string;
  active: number;
  created_at: number;
  updated_at: number;
}

/** `refused`: not sent, because its address is not public (see webhooks/webhook.target.ts). */
export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'refused';

/**
 * The outbox and delivery log: one row per webhook and event. It is sent by a `webhook.deliver` job (src/jobs),
 * which mirrors each try's outcome here for the desk; `locked_until` is no longer used (the job holds the lease).
 */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  /** Identifies the event (type, story, version), so several processes hearing it enqueue it once. */
  event_key: string;
  /** The exact JSON body that is signed and sent. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  /** While delivering: when the claim lapses and another worker may take the row over. */
  locked_until: number | null;
  last_status: number | null;
  last_error: string;
  created_at: number;
  delivered_at: number | null;
}

/** The log of every attempt at a delivery. */
export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string;
  attempted_at: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** One unit of background work (src/jobs): claimed by one runner at a time, retried with backoff. */
export interface JobTable {
  id: Generated<number>;
  /** Which registered handler runs it, e.g. `webhook.deliver`. */
  kind: string;
  /** JSON text the handler parses. */
  payload: string;
  status: JobStatus;
  /** When it is due (first run, or the next try after a failure). */
  run_at: number;
  /** Tries started so far (counted at claim time). */
  attempts: number;
  max_attempts: number;
  /** While running: when the claim lapses and another runner may take the job over. */
  locked_until: number | null;
  last_error: string;
  /** Optional key that makes enqueueing idempotent: a second job with the same key is not added. */
  dedupe_key: string | null;
  created_at: number;
  updated_at: number;
}

/** Append-only log of what the live News Feed streams; its id is the SSE event id readers resume from. */
export interface FeedEventTable {
  id: Generated<number>;
  /** story.published | story.updated | story.unpublished | entry.added | entry.updated | entry.deleted | liveblog.ended | liveblog.reopened | banner.updated */
  type: string;
  story_id: number;
  entry_id: number | null;
  at: number;
}

/** One timestamped entry of a live blog. */
export interface LiveblogEntryTable {
  id: Generated<number>;
  story_id: number;
  headline: string;
  /** The structured document (JSON text), validated by DocumentSchema at every write. */
  body: string;
  /** JSON array of author ids, in byline order. */
  author_ids: string;
  pinned: number;
  created_at: number;
  updated_at: number;
}

/** Which record of an imported site (Ghost, WordPress) became which row here; re-imports skip mapped records. */
export interface ImportMapTable {
  source: string;
  /** story | author | section | tag | image | reader (a members import) */
  kind: string;
  source_id: string;
  target_id: number;
  created_at: number;
}

/** An old URL path (no trailing slash) answered with a 301 to the current URL of its target. */
export interface RedirectTable {
  path: string;
  target_kind: 'story' | 'author' | 'section' | 'tag';
  target_id: number;
  created_at: number;
}

/** An image an import could not fetch: where it belongs, so it can be fetched and placed later. */
export interface PendingMediaTable {
  id: Generated<number>;
  source_url: string;
  target_kind: 'story' | 'author';
  target_id: number;
  /** hero | body | og | twitter | avatar */
  role: string;
  /** Index of the body block the image stood before (body images). */
  position: number;
  alt: string;
  caption: string;
  credit: string;
  created_at: number;
}

/** A reader account (110-readers). Times are epoch ms; an erased account keeps its row with blank fields. */
export interface ReaderTable {
  id: Generated<number>;
  /** Lower-cased address; unique. */
  email: string;
  name: Generated<string>;
  comment_name: Generated<string>;
  /** The edition language the reader signed up in. */
  language: Generated<string>;
  /** Where they first signed up: 'story', 'footer', 'newsletters', 'embed', 'account', 'import:ghost', … */
  source: Generated<string>;
  source_detail: Generated<string>;
  confirmed_at: number | null;
  bouncing_at: number | null;
  bounce_reason: Generated<string>;
  comments_banned_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export type ReaderTokenPurpose = 'sign-in' | 'email-change';

export interface ReaderTokenTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the emailed token. */
  token_hash: string;
  reader_id: number;
  purpose: ReaderTokenPurpose;
  new_email: string | null;
  /** JSON carried out when the link is followed, e.g. {"newsletters":[1],"next":"/stories/x"}. */
  payload: Generated<string>;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ReaderSessionTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the cookie token. */
  token_hash: string;
  reader_id: number;
  user_agent: Generated<string>;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ReaderRateEventTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  at: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  /** What it is: 'reader.sign-in', 'newsletter.issue', 'newsletter.test', … */
  kind: string;
  to_address: string;
  from_address: string;
  subject: string;
  html: string;
  text: string;
  /** JSON object of extra headers. */
  headers: Generated<string>;
  created_at: number;
}

export interface NewsletterTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  sender_name: string;
  sender_email: string;
  reply_to: Generated<string>;
  /** Edition language ('' = any). */
  language: Generated<string>;
  /** 1: new readers get it by default. */
  default_on: Generated<number>;
  /** 1: listed on /newsletters and in sign-up forms. */
  visible: Generated<number>;
  /** Automatic daily digest at this hour (newsroom's zone); null = none. */
  digest_hour: number | null;
  position: Generated<number>;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export type SubscriptionStatus = 'subscribed' | 'unsubscribed';

export interface NewsletterSubscriptionTable {
  reader_id: number;
  newsletter_id: number;
  status: SubscriptionStatus;
  source: Generated<string>;
  created_at: number;
  updated_at: number;
}

export type NewsletterIssueKind = 'story' | 'digest';
export type NewsletterIssueStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface NewsletterIssueTable {
  id: Generated<number>;
  newsletter_id: number;
  kind: NewsletterIssueKind;
  story_id: number | null;
  /** JSON array of story ids in order (digest). */
  story_ids: Generated<string>;
  subject: string;
  intro: Generated<string>;
  status: NewsletterIssueStatus;
  send_at: number | null;
  created_by: number | null;
  recipients: Generated<number>;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  /** Made by the machine (a daily digest, a story sent when it goes live): one issue per key. Added by 115. */
  dedupe_key: string | null;
  /** Why the issue could not be started, for the desk. Added by 115. */
  last_error: Generated<string>;
}

export type NewsletterDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped';

export interface NewsletterDeliveryTable {
  id: Generated<number>;
  issue_id: number;
  reader_id: number;
  status: NewsletterDeliveryStatus;
  attempts: Generated<number>;
  message_id: Generated<string>;
  last_error: Generated<string>;
  updated_at: number;
  sent_at: number | null;
  /** First open and first click, recorded only when the newsroom counts them (opt-in). Added by 115. */
  opened_at: number | null;
  clicked_at: number | null;
}

/** The one row (id 1) that paces newsletter sends across processes: the next free moment to send at. */
export interface NewsletterPaceTable {
  id: number;
  next_at: number;
}

export type CommentStatus = 'pending' | 'approved' | 'hidden' | 'spam';

export interface CommentTable {
  id: Generated<number>;
  story_id: number;
  /** null once the reader's account is erased and comments are kept ("a former reader"). */
  reader_id: number | null;
  /** A reply names its top-level comment; replies are one level deep. */
  parent_id: number | null;
  /** Plain text as typed (rendered escaped, links made clickable). */
  body: string;
  status: CommentStatus;
  created_at: number;
  updated_at: number;
}

export interface CommentReportTable {
  id: Generated<number>;
  comment_id: number;
  reader_id: number | null;
  reason: Generated<string>;
  created_at: number;
  resolved_at: number | null;
}

export interface ModerationActionTable {
  id: Generated<number>;
  comment_id: number | null;
  reader_id: number | null;
  user_id: number | null;
  /** 'approve' | 'hide' | 'spam' | 'restore' | 'delete' | 'ban' | 'unban' | 'report' … */
  action: string;
  note: Generated<string>;
  created_at: number;
}

export interface Database {
  settings: SettingTable;
  authors: AuthorTable;
  sections: SectionTable;
  tags: TagTable;
  images: ImageTable;
  stories: StoryTable;
  story_authors: StoryAuthorTable;
  story_tags: StoryTagTable;
  story_embeds: StoryEmbedTable;
  story_slugs: StorySlugTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  known_devices: KnownDeviceTable;
  sign_in_alerts: SignInAlertTable;
  invites: InviteTable;
  story_revisions: StoryRevisionTable;
  story_desk: StoryDeskTable;
  story_comments: StoryCommentTable;
  story_notes: StoryNoteTable;
  story_pending: StoryPendingTable;
  story_presence: StoryPresenceTable;
  story_search: StorySearchTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  feed_events: FeedEventTable;
  liveblog_entries: LiveblogEntryTable;
  import_map: ImportMapTable;
  redirects: RedirectTable;
  pending_media: PendingMediaTable;
  jobs: JobTable;
  section_translations: SectionTranslationTable;
  tag_translations: TagTranslationTable;
  author_translations: AuthorTranslationTable;
  readers: ReaderTable;
  reader_tokens: ReaderTokenTable;
  reader_sessions: ReaderSessionTable;
  reader_rate_events: ReaderRateEventTable;
  mail_outbox: MailOutboxTable;
  newsletters: NewsletterTable;
  newsletter_subscriptions: NewsletterSubscriptionTable;
  newsletter_issues: NewsletterIssueTable;
  newsletter_deliveries: NewsletterDeliveryTable;
  newsletter_pace: NewsletterPaceTable;
  comments: CommentTable;
  comment_reports: CommentReportTable;
  moderation_actions: ModerationActionTable;
  tiers: TierTable;
  memberships: MembershipTable;
  payment_customers: PaymentCustomerTable;
  payment_events: PaymentEventTable;
  donations: DonationTable;
  gift_links: GiftLinkTable;
  meter_reads: MeterReadTable;
  recovery_codes: RecoveryCodeTable;
  pending_sign_ins: PendingSignInTable;
  audit_log: AuditLogTable;
  api_keys: ApiKeyTable;
}

/** A tier of membership (140-billing); prices in the currency's minor unit, null when not offered. */
export interface TierTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: Generated<TierKind>;
  description: Generated<string>;
  /** JSON array of strings. */
  benefits: Generated<string>;
  monthly_price: number | null;
  yearly_price: number | null;
  provider_product_id: Generated<string>;
  provider_monthly_price_id: Generated<string>;
  provider_yearly_price_id: Generated<string>;
  position: Generated<number>;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export type TierKind = 'free' | 'paid';

/** How a reader came to hold a tier. */
export type MembershipSource = 'subscription' | 'complimentary' | 'import';

/** A subscription's state as the provider reports it ('ended' once it no longer grants anything). */
export type MembershipStatus = 'active' | 'trialing' | 'past_due' | 'canceled' | 'ended';

export interface MembershipTable {
  id: Generated<number>;
  reader_id: number;
  tier_id: number;
  source: MembershipSource;
  status: MembershipStatus;
  /** 'month' | 'year' | '' */
  interval: Generated<string>;
  amount: Generated<number>;
  currency: Generated<string>;
  current_period_end: number | null;
  cancel_at_period_end: Generated<number>;
  /** past_due: access is kept until this time. */
  grace_until: number | null;
  /** Complimentary access ends here (null: open-ended). */
  ends_at: number | null;
  provider: Generated<string>;
  provider_subscription_id: Generated<string>;
  /** Creation time of the newest provider event applied (older events arriving late are ignored). */
  provider_event_at: number | null;
  note: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface PaymentCustomerTable {
  reader_id: number;
  provider: string;
  customer_id: string;
  created_at: number;
}

export interface PaymentEventTable {
  id: Generated<number>;
  provider: string;
  event_id: string;
  type: string;
  event_at: number;
  received_at: number;
  processed_at: number | null;
  error: Generated<string>;
}

export interface DonationTable {
  id: Generated<number>;
  reader_id: number | null;
  email: Generated<string>;
  amount: number;
  currency: string;
  /** 'once' | 'month' */
  interval: Generated<string>;
  /** 'paid' | 'refunded' | … as the provider reports it */
  status: string;
  provider: Generated<string>;
  provider_ref: string;
  created_at: number;
}

export interface GiftLinkTable {
  id: Generated<number>;
  story_id: number;
  /** SHA-256 (hex) of the link's token. */
  token_hash: string;
  created_by_user: number | null;
  created_by_reader: number | null;
  /** 0: any number of holders. */
  max_uses: Generated<number>;
  uses: Generated<number>;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface MeterReadTable {
  reader_id: number;
  story_id: number;
  at: number;
}

/**
 * The handle every repository function takes first: the database or an open transaction. Kysely's
 * `Transaction` extends `Kysely`, so a transaction passes as it is (no union type, no cast).
 */
export type DbHandle = Kysely<Database>;

export type Story = Selectable<StoryTable>;
export type NewStory = Insertable<StoryTable>;
export type StoryUpdate = Updateable<StoryTable>;
export type Author = Selectable<AuthorTable>;
export type Section = Selectable<SectionTable>;
export type Tag = Selectable<TagTable>;
/** What a link to a tag needs (a story's tag list, the API): its description stays on the tag page. */
export type TagLink = Pick<Tag, 'id' | 'slug' | 'name'>;
export type Image = Selectable<ImageTable>;
export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Invite = Selectable<InviteTable>;
export type StoryRevision = Selectable<StoryRevisionTable>;
export type StoryComment = Selectable<StoryCommentTable>;
export type StoryNote = Selectable<StoryNoteTable>;
export type StoryPending = Selectable<StoryPendingTable>;
export type Job = Selectable<JobTable>;
export type Reader = Selectable<ReaderTable>;
export type ReaderSession = Selectable<ReaderSessionTable>;
export type Newsletter = Selectable<NewsletterTable>;
export type NewsletterIssue = Selectable<NewsletterIssueTable>;
export type Comment = Selectable<CommentTable>;
export type Tier = Selectable<TierTable>;
export type Membership = Selectable<MembershipTable>;
export type Donation = Selectable<DonationTable>;
