import type { RenderCache } from './cache/render-cache.js';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import type { Db } from './db/dialect.js';
import type { EventBus } from './events/events.js';
import type { HealthChecks } from './lib/health-checks.js';
import type { MediaStore } from './media/media.store.js';

/**
 * The dependencies that exist before any domain module: a leaf type (it imports no domain code), so the
 * modules that AppDeps names (lookups, the live hub) and everything they use can take these without a cycle.
 */
export interface CoreDeps {
  config: Config;
  /** The open database (dialect, close, raw handles for backup and LISTEN). */
  database: Db;
  /** The query builder every repository takes first. */
  db: DbHandle;
  events: EventBus;
  media: MediaStore;
  /** Now, in epoch ms; tests pass a fixed clock. */
  clock: () => number;
  log: (fields: Record<string, unknown>) => void;
  /** Finished responses kept in memory, purged by surrogate key (src/cache/). */
  cache: RenderCache;
  /** Services besides the database that `/healthz` reports on (Redis, registered by the event relay). */
  health: HealthChecks;
}
