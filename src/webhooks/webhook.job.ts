import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { DbHandle } from '../db/database.js';
import { type JobHandler, defineJob } from '../jobs/job.types.js';
import { postWebhook } from './webhook.post.js';
import { deliveryToSend, insertAttempt, markDelivering, recordDeliveryOutcome } from './webhook.repo.js';
import { RefusedTargetError, type ResolveHost } from './webhook.target.js';

/** The job kind that sends one webhook delivery. */
export const WEBHOOK_DELIVER = 'webhook.deliver';

/** The dedupe key of a delivery's job: one job per delivery, however many processes wrote it. */
export const deliveryJobKey = (deliveryId: number) => `${WEBHOOK_DELIVER}:${deliveryId}`;

/** The signature header value: `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret. */
function signPayload(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryOptions {
  /** Attempts before a delivery is given up as failed. */
  maxAttempts?: number;
  /** Wait after the first failure; doubles after each further one. */
  retryBaseMs?: number;
  /** Longest wait between attempts. */
  retryMaxMs?: number;
  /** How long a claim lasts; a runner that dies mid-delivery loses the job to another after this. */
  leaseMs?: number;
  /** Time allowed for the receiver to answer. */
  timeoutMs?: number;
  /** How host names are resolved before connecting (the platform's resolver unless a test brings its own). */
  resolveHost?: ResolveHost;
}

const DEFAULTS: Required<Omit<DeliveryOptions, 'resolveHost'>> = {
  maxAttempts: 6,
  retryBaseMs: 30_000,
  retryMaxMs: 3600_000,
  leaseMs: 60_000,
  timeoutMs: 10_000,
};

/**
 * The handler of `webhook.deliver` jobs: POSTs the delivery's fixed payload, signed, without following
 * redirects (a 3xx counts as a failure), logs the attempt, and mirrors the outcome on the delivery row the
 * desk shows (delivered, pending with the next try, or failed after the last). A failed attempt throws, so
 * the job runner retries it with its backoff; claiming and retrying are the runner's. A target that is not a
 * public address (unless WEBHOOKS_ALLOW_PRIVATE) is not contacted: the delivery is `refused`, with the reason,
 * and not retried.
 */
export function webhookDeliveryJob(
  deps: { db: DbHandle; clock: () => number; config: Pick<Config, 'webhooks'> },
  options: DeliveryOptions = {},
): JobHandler<{ deliveryId: number }> {
  const o = { ...DEFAULTS, ...options };
  const policy = { allowPrivate: deps.config.webhooks.allowPrivate, resolve: options.resolveHost };
  return defineJob({
    kind: WEBHOOK_DELIVER,
    payload: z.object({ deliveryId: z.number().int().positive() }),
    maxAttempts: o.maxAttempts,
    retryBaseMs: o.retryBaseMs,
    retryMaxMs: o.retryMaxMs,
    leaseMs: o.leaseMs,
    async run({ deliveryId }, ctx) {
      const d = await deliveryToSend(deps.db, deliveryId);
      // The webhook was removed (with its deliveries): nothing left to send.
      if (!d) return;
      await markDelivering(deps.db, d.id, ctx.attempt);
      const started = performance.now();
      let statusCode: number | null = null;
      let error = '';
      let refused = false;
      try {
        statusCode = await postWebhook(d.url, {
          body: d.payload,
          timeoutMs: o.timeoutMs,
          policy,
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'Broadsheet-Webhooks/1',
            'X-Broadsheet-Event': d.event,
            'X-Broadsheet-Delivery': String(d.id),
            'X-Broadsheet-Signature': signPayload(d.payload, d.secret),
          },
        });
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      } catch (e) {
        refused = e instanceof RefusedTargetError;
        error = refused
          ? `refused: ${(e as Error).message}`
          : e instanceof Error
            ? `${e.name}: ${(e.cause as Error | undefined)?.message ?? e.message}`
            : String(e);
      }
      const durationMs = Math.round(performance.now() - started);
      const now = deps.clock();
      error = error.slice(0, 500);
      await insertAttempt(deps.db, { deliveryId: d.id, attempt: ctx.attempt, statusCode, durationMs, error, at: now });
      const ok = error === '';
      const final = ok || refused || ctx.lastAttempt;
      await recordDeliveryOutcome(deps.db, d.id, ctx.attempt, {
        status: ok ? 'delivered' : refused ? 'refused' : ctx.lastAttempt ? 'failed' : 'pending',
        statusCode,
        error,
        deliveredAt: ok ? now : null,
        nextAttemptAt: final ? now : now + ctx.retryDelayMs,
      });
      // A refused target is final: trying again would only knock on the same door.
      if (!ok && !refused) throw new Error(`webhook delivery ${d.id}: ${error}`);
    },
  });
}
