import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { AppError } from '../http/errors.js';
import { WebhookSignatureError } from './payment.provider.js';
import { handlePaymentEvent } from './payment-webhook.service.js';

/** Stripe's events are small; anything far larger is not one. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

/**
 * `POST /webhooks/stripe`: the raw body's signature is checked (400 when it fails), then the event is processed
 * once (payment-webhook.service.ts). 200 for processed and duplicate events alike, so Stripe stops resending; a
 * failure while processing rolls back and answers 500, and Stripe retries later.
 */
export function paymentWebhookRoutes(app: Hono, deps: AppDeps): void {
  app.post('/webhooks/stripe', async (c) => {
    const provider = deps.payments;
    if (!provider) throw new AppError(404, 'payments_off', 'Payments are not configured on this site.');
    const signature = c.req.header('stripe-signature');
    if (!signature) throw new AppError(400, 'bad_signature', 'The Stripe-Signature header is missing.');
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_WEBHOOK_BYTES) throw new AppError(413, 'too_large', 'That event is larger than any Stripe sends.');
    const body = await c.req.text();
    let event: ReturnType<typeof provider.verifyWebhook>;
    try {
      event = provider.verifyWebhook(body, signature);
    } catch (err) {
      if (err instanceof WebhookSignatureError)
        throw new AppError(400, 'bad_signature', 'The webhook signature does not verify.');
      throw err;
    }
    const outcome = await handlePaymentEvent(deps, event);
    return c.json({ received: true, outcome });
  });
}
