import Stripe from 'stripe';
import {
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentProvider,
  type SubscriptionState,
  WebhookSignatureError,
  purposeFromMetadata,
  purposeMetadata,
} from './payment.provider.js';

/** Stripe's locales for Checkout that our editions can ask for; others get 'auto' (the browser's). */
const CHECKOUT_LOCALES = new Set(['en', 'uk', 'de', 'fr', 'es', 'it', 'pl', 'nl', 'pt', 'sv', 'fi', 'da', 'nb']);

const ms = (seconds: number | null | undefined) => (typeof seconds === 'number' ? seconds * 1000 : null);
const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/** A Stripe subscription → what memberships follow (the first item's price and period: one tier per subscription). */
export function subscriptionState(sub: Stripe.Subscription): SubscriptionState {
  const item = sub.items.data[0];
  const recurring = item?.price.recurring;
  return {
    id: sub.id,
    customerId: idOf(sub.customer) ?? '',
    status: sub.status,
    amount: item?.price.unit_amount ?? 0,
    currency: item?.price.currency ?? sub.currency,
    interval: recurring?.interval === 'month' ? 'month' : recurring?.interval === 'year' ? 'year' : '',
    priceId: item?.price.id ?? '',
    currentPeriodEnd: ms(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    purpose: purposeFromMetadata(sub.metadata),
  };
}

/** A verified Stripe event → our typed event (the kinds memberships and donations follow; 'other' for the rest). */
export function paymentEvent(event: Stripe.Event): PaymentEvent {
  const base = { id: event.id, type: event.type, at: event.created * 1000 };
  switch (event.type) {
    case 'checkout.session.completed': {
      const s = event.data.object;
      return {
        ...base,
        kind: 'checkout.completed',
        sessionId: s.id,
        mode: s.mode === 'subscription' ? 'subscription' : 'payment',
        customerId: idOf(s.customer),
        subscriptionId: idOf(s.subscription),
        amount: s.amount_total ?? 0,
        currency: s.currency ?? '',
        email: s.customer_details?.email ?? s.customer_email ?? '',
        paid: s.payment_status !== 'unpaid',
        purpose: purposeFromMetadata(s.metadata),
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return { ...base, kind: 'subscription', subscription: subscriptionState(event.data.object) };
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const inv = event.data.object;
      const details = inv.parent?.subscription_details ?? null;
      const line = inv.lines.data.find((l) => l.parent?.type === 'subscription_item_details') ?? inv.lines.data[0];
      return {
        ...base,
        kind: 'invoice',
        paid: event.type === 'invoice.paid',
        invoiceId: inv.id ?? '',
        subscriptionId: idOf(details?.subscription),
        customerId: idOf(inv.customer),
        amount: event.type === 'invoice.paid' ? inv.amount_paid : inv.amount_due,
        currency: inv.currency,
        email: inv.customer_email ?? '',
        periodEnd: details ? ms(line?.period.end) : null,
        purpose: purposeFromMetadata(details?.metadata),
      };
    }
    default:
      return { ...base, kind: 'other' };
  }
}

/**
 * The Stripe provider, with the official client. `apiBase` (STRIPE_API_BASE) points the client at a local stand-in
 * of Stripe's API (the tests'); unset, it talks to Stripe. Prices are named in the Checkout Session (`price_data`)
 * unless a tier carries a Stripe price id (one imported with its products), so no catalogue has to be kept in step.
 */
export function stripeProvider(opts: { secretKey: string; webhookSecret: string; apiBase?: URL }): PaymentProvider {
  const base = opts.apiBase;
  const stripe = new Stripe(opts.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'Broadsheet' },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
  return {
    name: 'stripe',
    async createCustomer(reader) {
      const customer = await stripe.customers.create(
        { email: reader.email, name: reader.name || undefined, metadata: { reader_id: String(reader.id) } },
        // Two clicks of Subscribe make one customer.
        { idempotencyKey: `broadsheet-customer-${reader.id}` },
      );
      return customer.id;
    },
    async createCheckout(req: CheckoutRequest) {
      const metadata = purposeMetadata(req.purpose);
      const line =
        'priceId' in req.line
          ? { price: req.line.priceId, quantity: 1 }
          : {
              quantity: 1,
              price_data: {
                currency: req.line.currency,
                unit_amount: req.line.amount,
                product_data: { name: req.line.name },
                ...(req.line.interval ? { recurring: { interval: req.line.interval } } : {}),
              },
            };
      const session = await stripe.checkout.sessions.create({
        mode: req.mode,
        line_items: [line],
        success_url: req.successUrl,
        cancel_url: req.cancelUrl,
        metadata,
        locale: (CHECKOUT_LOCALES.has(req.locale) ? req.locale : 'auto') as 'auto',
        ...(req.customerId ? { customer: req.customerId } : {}),
        ...(req.mode === 'subscription'
          ? { subscription_data: { metadata } }
          : { payment_intent_data: { metadata }, ...(req.customerId ? {} : { customer_creation: 'always' as const }) }),
      });
      if (!session.url) throw new Error('Stripe returned a Checkout Session without a url');
      return { id: session.id, url: session.url };
    },
    async createPortalSession(customerId, returnUrl) {
      const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
      return { url: portal.url };
    },
    async getSubscription(id) {
      return subscriptionState(await stripe.subscriptions.retrieve(id));
    },
    verifyWebhook(rawBody, signature) {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, opts.webhookSecret);
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : String(err));
      }
      return paymentEvent(event);
    },
  };
}
