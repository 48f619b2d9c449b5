import type { Selectable } from 'kysely';
import type {
  DeliveryStatus,
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookTable,
  DbHandle,
} from '../db/database.js';

export async function insertWebhook(
  q: DbHandle,
  row: { url: string; secret: string; events: string; now: number },
): Promise<Selectable<WebhookTable>> {
  return q
    .insertInto('webhooks')
    .values({
      url: row.url,
      secret: row.secret,
      events: row.events,
      active: 1,
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function allWebhooks(q: DbHandle): Promise<Selectable<WebhookTable>[]> {
  return q.selectFrom('webhooks').selectAll().orderBy('id').execute();
}

/** The active webhooks with the JSON list of events each wants. */
export async function activeWebhooks(q: DbHandle): Promise<{ id: number; events: string }[]> {
  return q.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute();
}

/** False when there is no such webhook. */
export async function setWebhookActiveRow(q: DbHandle, id: number, active: boolean, now: number): Promise<boolean> {
  const r = await q
    .updateTable('webhooks')
    .set({ active: active ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a webhook (its deliveries and their log go with it, by cascade); false when there is none. */
export async function deleteWebhookRow(q: DbHandle, id: number): Promise<boolean> {
  const r = await q.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ids of a webhook's deliveries that are still to be sent. */
export async function unsentDeliveryIds(q: DbHandle, webhookId: number): Promise<number[]> {
  const rows = await q
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('webhook_id', '=', webhookId)
    .where('status', 'in', ['pending', 'delivering'])
    .execute();
  return rows.map((r) => r.id);
}

/** The newest deliveries, of one webhook or all. */
export async function recentDeliveries(
  q: DbHandle,
  opts: { webhookId?: number; limit: number },
): Promise<Selectable<WebhookDeliveryTable>[]> {
  let query = q.selectFrom('webhook_deliveries').selectAll().orderBy('id', 'desc').limit(opts.limit);
  if (opts.webhookId !== undefined) query = query.where('webhook_id', '=', opts.webhookId);
  return query.execute();
}

/** The attempts logged for the given deliveries, in attempt order. */
export async function attemptsOf(q: DbHandle, deliveryIds: number[]): Promise<Selectable<WebhookAttemptTable>[]> {
  if (deliveryIds.length === 0) return [];
  return q
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('attempt')
    .execute();
}

/** Writes a delivery unless one exists for the webhook and event key; resolves with its id, or null. */
export async function insertDelivery(
  q: DbHandle,
  d: { webhookId: number; event: string; eventKey: string; payload: string; now: number },
): Promise<number | null> {
  const row = await q
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: d.webhookId,
      event: d.event,
      event_key: d.eventKey,
      payload: d.payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: d.now,
      locked_until: null,
      last_status: null,
      last_error: '',
      created_at: d.now,
      delivered_at: null,
    })
    .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The delivery already written for a webhook and event key, if any. */
export async function deliveryIdFor(q: DbHandle, webhookId: number, eventKey: string): Promise<number | undefined> {
  const row = await q
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('webhook_id', '=', webhookId)
    .where('event_key', '=', eventKey)
    .executeTakeFirst();
  return row?.id;
}

/** A delivery with the address and secret of its webhook; undefined once the webhook is removed. */
export async function deliveryToSend(
  q: DbHandle,
  id: number,
): Promise<{ id: number; event: string; payload: string; url: string; secret: string } | undefined> {
  return q
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select(['d.id', 'd.event', 'd.payload', 'w.url', 'w.secret'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Shows a delivery as being sent by try `attempt` (never moves an older try over a newer one). */
export async function markDelivering(q: DbHandle, id: number, attempt: number): Promise<void> {
  await q
    .updateTable('webhook_deliveries')
    .set({ status: 'delivering', attempts: attempt })
    .where('id', '=', id)
    .where('attempts', '<', attempt)
    .execute();
}

export async function insertAttempt(
  q: DbHandle,
  a: { deliveryId: number; attempt: number; statusCode: number | null; durationMs: number; error: string; at: number },
): Promise<void> {
  await q
    .insertInto('webhook_attempts')
    .values({
      delivery_id: a.deliveryId,
      attempt: a.attempt,
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      error: a.error,
      attempted_at: a.at,
    })
    .execute();
}

/** Records how try `attempt` ended, unless a newer try has taken the delivery over. */
export async function recordDeliveryOutcome(
  q: DbHandle,
  id: number,
  attempt: number,
  o: {
    status: DeliveryStatus;
    statusCode: number | null;
    error: string;
    deliveredAt: number | null;
    nextAttemptAt: number;
  },
): Promise<void> {
  await q
    .updateTable('webhook_deliveries')
    .set({
      status: o.status,
      locked_until: null,
      last_status: o.statusCode,
      last_error: o.error,
      delivered_at: o.deliveredAt,
      next_attempt_at: o.nextAttemptAt,
    })
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .execute();
}
