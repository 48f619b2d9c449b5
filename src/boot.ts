import type { AppDeps } from './app.deps.js';
import { wireInvalidation } from './cache/cache.invalidate.js';
import { stripeProvider } from './billing/stripe.provider.js';
import { createLookups } from './cache/lookups.js';
import { wirePurgeWebhook } from './cache/purge-webhook.js';
import { RenderCache } from './cache/render-cache.js';
import type { Config } from './config.js';
import { openDb } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { createEventBus } from './events/events.js';
import { createHealthChecks } from './lib/health-checks.js';
import { createJobQueue } from './jobs/job.queue.js';
import { createLiveHub } from './live/live.hub.js';
import { type Mailer, createMailer } from './mail/mailer.js';
import { createImageGate } from './media/image.gate.js';
import { directoryMediaStore } from './media/media.store.js';
import { followStoryEvents } from './search/search.indexer.js';

/** Writes one JSON line to stdout: the log format of every message Broadsheet prints. */
export function jsonLog(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

/**
 * Opens the database, migrates it and builds every shared dependency. main.ts and the test
 * support both call this, so a test runs the same wiring as production.
 */
export async function createDeps(
  config: Config,
  overrides: Partial<Pick<AppDeps, 'clock' | 'log' | 'mailer'>> = {},
): Promise<AppDeps> {
  const log = overrides.log ?? jsonLog;
  const database = openDb(config.database, { log });
  await migrateToLatest(database.kysely, database.dialect);
  const events = createEventBus((err, event) =>
    log({ msg: 'event handler failed', level: 'error', event: event.type, error: String(err) }),
  );
  const media = directoryMediaStore(config.mediaDir);
  const lookups = createLookups(database.kysely, events, media);
  const clock = overrides.clock ?? Date.now;
  const mailer: Mailer = overrides.mailer ?? createMailer({ config, db: database.kysely, clock, log });
  const live = await createLiveHub({ db: database.kysely, media, config, events, log, lookups });
  const deps: AppDeps = {
    config,
    database,
    db: database.kysely,
    events,
    media,
    clock,
    log,
    cache: new RenderCache(config.renderCacheBytes),
    health: createHealthChecks(),
    lookups,
    live,
    // Wired here, not in main.ts, so commands (imports, media fetches) keep the index in step as the server does.
    searchIndex: followStoryEvents({ db: database.kysely, events, log }),
    imageGate: createImageGate(config.images),
    mailer,
    // The runner itself starts in main.ts (with its handlers) and is attached to this queue there.
    jobs: createJobQueue({ clock }),
    payments: config.stripe ? stripeProvider(config.stripe) : null,
  };
  wireInvalidation(deps);
  wirePurgeWebhook(deps);
  return deps;
}
