import type { AppDeps } from '../app.deps.js';
import { storySummaries } from '../api/api.service.js';
import type { DomainEvent } from '../events/events.js';
import type { JobQueue } from '../jobs/job.types.js';
import { storyById } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook.input.js';
import { WEBHOOK_DELIVER, deliveryJobKey } from './webhook.job.js';
import { activeWebhooks, deliveryIdFor, insertDelivery } from './webhook.repo.js';

const isWebhookEvent = (t: string): t is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(t);

type OutboxDeps = Pick<AppDeps, 'db' | 'media' | 'config' | 'clock' | 'lookups'>;

/**
 * Writes one delivery row per active webhook subscribed to the event (the outbox), and with it the job
 * that sends it, so a delivery outlives the process that heard the event. The
 * payload is fixed here: the exact bytes later signed and sent. The event key (type, story, version) plus a
 * unique index make it idempotent: when several processes hear the same event, the first insert wins and
 * the rest do nothing. Returns how many webhooks want the event, and how many deliveries this call wrote.
 */
async function enqueueDeliveries(
  deps: OutboxDeps,
  jobs: Pick<JobQueue, 'enqueue'>,
  event: DomainEvent,
): Promise<{ matched: number; written: number }> {
  const none = { matched: 0, written: 0 };
  if (!isWebhookEvent(event.type)) return none;
  const type = event.type;
  const hooks = (await activeWebhooks(deps.db)).filter((h) => (JSON.parse(h.events) as string[]).includes(type));
  if (hooks.length === 0) return none;
  const story = await storyById(deps.db, event.id);
  if (!story) return none;
  const now = deps.clock();
  const summary =
    type !== 'story.unpublished' && story.status === 'published' && story.published_at !== null
      ? (await storySummaries(deps, [{ ...story, published_at: story.published_at }])).data[0]!
      : {
          id: story.id,
          slug: story.slug,
          url: deps.config.publicUrl + storyUrl(story.slug, undefined, story.kind),
          headline: story.headline,
        };
  const eventKey = `${type}:${story.id}:${story.updated_at}`;
  const payload = JSON.stringify({
    id: eventKey,
    event: type,
    occurredAt: new Date(now).toISOString(),
    story: summary,
  });
  let written = 0;
  for (const h of hooks) {
    // Two idempotent inserts rather than one transaction: on SQLite a transaction held open across awaits
    // would block every other connection's writer. Every process that hears the event ensures the job too,
    // so the job exists unless every one of them stopped between the two statements.
    const inserted = await insertDelivery(deps.db, { webhookId: h.id, event: type, eventKey, payload, now });
    const id = inserted ?? (await deliveryIdFor(deps.db, h.id, eventKey));
    if (id !== undefined)
      await jobs.enqueue(deps.db, {
        kind: WEBHOOK_DELIVER,
        payload: { deliveryId: id },
        dedupeKey: deliveryJobKey(id),
      });
    if (inserted !== null) written++;
  }
  return { matched: hooks.length, written };
}

/** The outbox listening to the event bus. */
export interface WebhookOutbox {
  /** Resolves once every event heard so far has been written to the outbox (and its sending kicked). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Listens for story events and writes their deliveries. After a write it kicks the job runner, so a
 * delivery goes out as soon as its event is heard (even if another process's insert won: claiming is
 * atomic, so an extra pass is harmless).
 */
export function startWebhookOutbox(deps: OutboxDeps & Pick<AppDeps, 'events'>, jobs: JobQueue): WebhookOutbox {
  const pending = new Set<Promise<unknown>>();
  const unsubscribe = deps.events.subscribe((event) => {
    const p = enqueueDeliveries(deps, jobs, event).then(({ matched }) => {
      if (matched > 0) jobs.kick();
    });
    pending.add(p);
    p.finally(() => pending.delete(p)).catch(() => {});
    // Returned, so the event bus logs a failed write.
    return p;
  });
  const settled = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return {
    settled,
    async stop() {
      unsubscribe();
      await settled();
    },
  };
}
