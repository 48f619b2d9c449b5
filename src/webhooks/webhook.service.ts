import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Config } from '../config.js';
import type { WebhookTable, DbHandle } from '../db/database.js';
import { notFound } from '../http/errors.js';
import { cancelQueuedJobs } from '../jobs/job.repo.js';
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookValues } from './webhook.input.js';
import { deliveryJobKey } from './webhook.job.js';
import { assertWebhookTarget } from './webhook.target.js';
import {
  allWebhooks,
  attemptsOf,
  deleteWebhookRow,
  insertWebhook,
  recentDeliveries,
  setWebhookActiveRow,
  unsentDeliveryIds,
} from './webhook.repo.js';

/** What an operator may see of a webhook: the secret only as its last four characters. */
export interface WebhookView {
  id: number;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  secretHint: string;
  createdAt: number;
}

type Row = Selectable<WebhookTable>;

const present = (w: Row): WebhookView => ({
  id: w.id,
  url: w.url,
  events: JSON.parse(w.events) as WebhookEvent[],
  active: w.active === 1,
  secretHint: `…${w.secret.slice(-4)}`,
  createdAt: w.created_at,
});

/**
 * Adds a webhook (values parsed at the face with WebhookSchema; no events means all of them); returns it with
 * its secret (shown once: the receiver needs it to check signatures). An address written as a non-public IP (or
 * `localhost`) is refused here with a 400, unless the newsroom allows private targets; names are judged again
 * on what they resolve to at each delivery.
 */
export async function createWebhook(
  deps: { db: DbHandle; clock: () => number; config: Pick<Config, 'webhooks'> },
  v: WebhookValues,
): Promise<WebhookView & { secret: string }> {
  assertWebhookTarget(v.url, deps.config.webhooks);
  const now = deps.clock();
  const secret = v.secret ?? randomBytes(24).toString('base64url');
  const row = await insertWebhook(deps.db, {
    url: v.url,
    secret,
    events: JSON.stringify([...new Set(v.events ?? WEBHOOK_EVENTS)]),
    now,
  });
  return { ...present(row), secret };
}

export async function listWebhooks(db: DbHandle): Promise<WebhookView[]> {
  return (await allWebhooks(db)).map(present);
}

/** Turns a webhook on or off; an inactive one gets no new deliveries. */
export async function setWebhookActive(
  deps: { db: DbHandle; clock: () => number },
  id: number,
  active: boolean,
): Promise<void> {
  if (!(await setWebhookActiveRow(deps.db, id, active, deps.clock()))) throw notFound('webhook');
}

/** Removes a webhook with its deliveries and their log, and the queued jobs that would have sent them. */
export async function deleteWebhook(db: DbHandle, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await cancelQueuedJobs(tx, (await unsentDeliveryIds(tx, id)).map(deliveryJobKey));
    if (!(await deleteWebhookRow(tx, id))) throw notFound('webhook');
  });
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string;
  createdAt: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  log: { attempt: number; statusCode: number | null; durationMs: number; error: string; at: number }[];
}

/** The newest deliveries (of one webhook, or all), each with the log of its attempts. */
export async function listDeliveries(
  db: DbHandle,
  opts: { webhookId?: number; limit?: number } = {},
): Promise<DeliveryView[]> {
  const rows = await recentDeliveries(db, { webhookId: opts.webhookId, limit: opts.limit ?? 50 });
  const attempts = await attemptsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    deliveredAt: r.delivered_at,
    log: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({
        attempt: a.attempt,
        statusCode: a.status_code,
        durationMs: a.duration_ms,
        error: a.error,
        at: a.attempted_at,
      })),
  }));
}
