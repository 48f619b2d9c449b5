import type { Kysely } from 'kysely';
import type { Lookups } from './cache/lookups.js';
import type { RenderCache } from './cache/render-cache.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Db } from './db/dialect.js';
import type { EventBus } from './events/events.js';
import type { LiveHub } from './live/live.hub.js';
import type { MediaStore } from './media/media.store.js';
import type { SearchIndexer } from './search/search.indexer.js';

/** Everything a face or service may use, built once in main.ts (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  /** The open database (dialect, close, raw handles for backup and LISTEN). */
  database: Db;
  /** The query builder every repository takes first. */
  db: Kysely<Database>;
  events: EventBus;
  media: MediaStore;
  /** Now, in epoch ms; tests pass a fixed clock. */
  clock: () => number;
  log: (fields: Record<string, unknown>) => void;
  /** Finished responses kept in memory, purged by surrogate key (src/cache/). */
  cache: RenderCache;
  /** Sections and settings, kept in memory until an event changes them. */
  lookups: Lookups;
  /** The live News Feed hub: SSE streams, replay, the in-memory breaking-news banner. */
  live: LiveHub;
  /** The search index following story events; searches wait on it, so a process finds what it just wrote. */
  searchIndex: SearchIndexer;
}
