import type { PaymentProvider } from './billing/payment.provider.js';
import type { Lookups } from './cache/lookups.js';
import type { CoreDeps } from './core.deps.js';
import type { AppJobQueue } from './jobs/job.queue.js';
import type { LiveHub } from './live/live.hub.js';
import type { Mailer } from './mail/mailer.js';
import type { ImageGate } from './media/image.gate.js';
import type { SearchIndexer } from './search/search.indexer.js';

/**
 * Everything a face or service may use, built once in main.ts (or a test) and passed in. Modules that
 * Lookups or LiveHub depend on take CoreDeps (plus what they need of these) instead, so types flow one way.
 */
export interface AppDeps extends CoreDeps {
  /** What pages read on every request and rarely changes (sections, settings, the newest stories, image views),
   * kept in memory until an event changes it (src/cache/lookups.ts). */
  lookups: Lookups;
  /** The live News Feed hub: SSE streams, replay, the in-memory breaking-news banner. */
  live: LiveHub;
  /** The search index following story events; searches wait on it, so a process finds what it just wrote. */
  searchIndex: SearchIndexer;
  /** The bound on image work (uploads): at most IMAGE_CONCURRENCY jobs at once, a short queue, then 503. */
  imageGate: ImageGate;
  /** The one way mail leaves: SMTP (SMTP_URL, pooled, DKIM-signed when configured) or the local outbox. */
  mailer: Mailer;
  /** The one job runner's queue: add background work (in the caller's transaction), then kick it once committed. */
  jobs: AppJobQueue;
  /** The payment provider (Stripe, when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set); null: payments off. */
  payments: PaymentProvider | null;
}
