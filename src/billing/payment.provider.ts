/**
 * The payment provider, as the rest of Broadsheet sees it: hosted checkout for a subscription or a one-off payment,
 * the provider's own page where a reader manages their subscription, and webhooks turned into typed events. Stripe
 * is the one built (stripe.provider.ts); another provider implements this interface and nothing else changes.
 * Amounts are integers in the currency's minor unit; times are epoch ms; currencies are lower-case ISO codes.
 */

/** What a Checkout is for: a tier's subscription, or a donation (once, or monthly). Round-trips as metadata. */
export type CheckoutPurpose =
  | { kind: 'membership'; readerId: number; tierId: number }
  | { kind: 'donation'; readerId: number | null; joinAsMember: boolean };

export interface CheckoutRequest {
  /** 'subscription' bills every interval until cancelled; 'payment' charges once. */
  mode: 'subscription' | 'payment';
  /** The provider's customer (reused across a reader's payments); null: the provider asks for an email. */
  customerId: string | null;
  /** The provider's existing price (an imported tier's), or an amount named here. */
  line: { priceId: string } | { amount: number; currency: string; name: string; interval: 'month' | 'year' | null };
  purpose: CheckoutPurpose;
  successUrl: string;
  cancelUrl: string;
  /** The reader's language, for the provider's page ('auto' when it has none of ours). */
  locale: string;
}

/** A subscription as the provider reports it, reduced to what memberships follow. */
export interface SubscriptionState {
  id: string;
  customerId: string;
  /** The provider's status: active, trialing, past_due, canceled, unpaid, incomplete, incomplete_expired, paused. */
  status: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year' | '';
  priceId: string;
  /** End of the period paid for (epoch ms), null when unknown. */
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  /** The purpose it was created for (our metadata), null for one made elsewhere (the Dashboard, an import). */
  purpose: CheckoutPurpose | null;
}

/** A verified webhook, typed. `at` is the provider's creation time of the event (epoch ms). */
export type PaymentEvent = { id: string; type: string; at: number } & (
  | {
      kind: 'checkout.completed';
      sessionId: string;
      mode: 'subscription' | 'payment';
      customerId: string | null;
      subscriptionId: string | null;
      amount: number;
      currency: string;
      email: string;
      paid: boolean;
      purpose: CheckoutPurpose | null;
    }
  | { kind: 'subscription'; subscription: SubscriptionState }
  | {
      kind: 'invoice';
      paid: boolean;
      invoiceId: string;
      subscriptionId: string | null;
      customerId: string | null;
      amount: number;
      currency: string;
      email: string;
      /** The end of the period the invoice pays for (epoch ms), null when it has no subscription line. */
      periodEnd: number | null;
      purpose: CheckoutPurpose | null;
    }
  | { kind: 'other' }
);

export interface PaymentProvider {
  /** Stored beside every provider id (memberships.provider, payment_customers.provider, …). */
  readonly name: string;
  /** Makes the provider's customer for a reader; returns its id. */
  createCustomer(reader: { id: number; email: string; name: string }): Promise<string>;
  /** Starts a hosted checkout; the reader is sent to `url`. */
  createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }>;
  /** The provider's page where a customer changes card, switches tier or cancels. */
  createPortalSession(customerId: string, returnUrl: string): Promise<{ url: string }>;
  /** The subscription's current state, asked of the provider. */
  getSubscription(id: string): Promise<SubscriptionState>;
  /** Checks a webhook's signature over its raw body and types it; throws `WebhookSignatureError` when it fails. */
  verifyWebhook(rawBody: string, signature: string): PaymentEvent;
}

/** A webhook whose signature does not verify (or that is not an event at all): answered with 400. */
export class WebhookSignatureError extends Error {}

/** Our metadata on the provider's objects → the purpose (null when it is not ours or is malformed). */
export function purposeFromMetadata(meta: Record<string, string> | null | undefined): CheckoutPurpose | null {
  if (!meta) return null;
  const id = (v: string | undefined) => (v && /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : null);
  if (meta.broadsheet === 'membership') {
    const readerId = id(meta.reader_id);
    const tierId = id(meta.tier_id);
    return readerId && tierId ? { kind: 'membership', readerId, tierId } : null;
  }
  if (meta.broadsheet === 'donation')
    return { kind: 'donation', readerId: id(meta.reader_id), joinAsMember: meta.join === '1' };
  return null;
}

/** The purpose as the provider's metadata (strings only). */
export function purposeMetadata(purpose: CheckoutPurpose): Record<string, string> {
  return purpose.kind === 'membership'
    ? { broadsheet: 'membership', reader_id: String(purpose.readerId), tier_id: String(purpose.tierId) }
    : {
        broadsheet: 'donation',
        reader_id: purpose.readerId === null ? '' : String(purpose.readerId),
        join: purpose.joinAsMember ? '1' : '0',
      };
}
