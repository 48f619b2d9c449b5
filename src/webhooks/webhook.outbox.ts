import type { AppDeps } from '../app.deps.js';
import { storySummaries } from '../api/api.service.js';
import type { DomainEvent } from '../events/events.js';
import { storyById } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook.input.js';

const isWebhookEvent = (t: string): t is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(t);

/**
 * Writes one delivery row per active webhook subscribed to the event (the outbox), so a delivery
 * outlives the process that heard the event. The payload is fixed here: the exact bytes later
 * signed and sent. The event key (type, story, version) plus a unique index make it idempotent:
 * when several processes hear the same event, the first insert wins and the rest do nothing.
 * Returns how many webhooks want the event, and how many deliveries this call wrote.
 */
export async function enqueueDeliveries(deps: Pick<AppDeps, 'db' | 'media' | 'config' | 'clock' | 'lookups'>, event: DomainEvent): Promise<{ matched: number; written: number }> {
  const none = { matched: 0, written: 0 };
  if (!isWebhookEvent(event.type)) return none;
  const type = event.type;
  const hooks = (await deps.db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute()).filter((h) =>
    (JSON.parse(h.events) as string[]).includes(type),
  );
  if (hooks.length === 0) return none;
  const story = await storyById(deps.db, event.id);
  if (!story) return none;
  const now = deps.clock();
  const summary =
    type !== 'story.unpublished' && story.status === 'published' && story.published_at !== null
      ? (await storySummaries(deps, [{ ...story, published_at: story.published_at }])).data[0]!
      : { id: story.id, slug: story.slug, url: deps.config.publicUrl + storyUrl(story.slug), headline: story.headline };
  const eventKey = `${type}:${story.id}:${story.updated_at}`;
  const payload = JSON.stringify({ id: eventKey, event: type, occurredAt: new Date(now).toISOString(), story: summary });
  let written = 0;
  for (const h of hooks) {
    const r = await deps.db
      .insertInto('webhook_deliveries')
      .values({ webhook_id: h.id, event: type, event_key: eventKey, payload, status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null, last_status: null, last_error: '', created_at: now, delivered_at: null })
      .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
      .executeTakeFirst();
    written += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return { matched: hooks.length, written };
}
