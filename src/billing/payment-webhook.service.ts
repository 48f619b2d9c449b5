import type { AppDeps } from '../app.deps.js';
import type { DbHandle, Membership, MembershipStatus } from '../db/database.js';
import { findReaderById } from '../readers/reader.repo.js';
import { queueDonationThanks, queuePastDueMail } from './payment.jobs.js';
import type { PaymentEvent, SubscriptionState } from './payment.provider.js';
import {
  claimPaymentEvent,
  findReaderOfCustomer,
  insertDonation,
  linkCustomer,
  markPaymentEventProcessed,
  paymentEventSeen,
} from './payment.repo.js';
import { findMembershipBySubscription, insertSubscriptionMembership, updateMembership } from './membership.repo.js';
import { findTier, findTierByProviderPrice } from './tier.repo.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'jobs' | 'lookups' | 'payments'>;
const DAY = 86_400_000;

/**
 * What a provider status means for access: active and trialing grant it; past_due grants it within the grace
 * period; a subscription set to cancel at period end is 'canceled' (access until the period ends); canceled,
 * unpaid, paused and incomplete_expired have ended. An incomplete one (first payment pending) is not a membership yet.
 */
export function membershipStatus(
  sub: Pick<SubscriptionState, 'status' | 'cancelAtPeriodEnd'>,
): MembershipStatus | null {
  switch (sub.status) {
    case 'active':
    case 'trialing':
      return sub.cancelAtPeriodEnd ? 'canceled' : sub.status;
    case 'past_due':
      return 'past_due';
    case 'incomplete':
      return null;
    default:
      return 'ended';
  }
}

/** What processing did, for the webhook's answer and the tests. */
export type WebhookOutcome = 'processed' | 'duplicate';

interface Effects {
  readers: Set<number>;
  pastDue: { readerId: number; membershipId: number; graceUntil: number }[];
  donations: number[];
}

/**
 * Processes one verified provider event exactly once: its id is claimed in `payment_events` (unique) in the same
 * transaction as its effects, so a redelivery — or the same event reaching two processes at once — changes nothing
 * the second time. Events may come in any order: a membership keeps the provider time of the newest event applied
 * (`provider_event_at`) and an older one is ignored; an ended subscription never comes back; a subscription event
 * that arrives before the checkout's creates the membership from the subscription's own metadata. What the provider
 * must be asked (the subscription behind a checkout or an invoice we have not seen) is asked before the transaction.
 */
export async function handlePaymentEvent(deps: Deps, event: PaymentEvent): Promise<WebhookOutcome> {
  const provider = deps.payments?.name ?? 'stripe';
  if (await paymentEventSeen(deps.db, provider, event.id)) return 'duplicate';
  const fetched = await subscriptionToFetch(deps, provider, event);
  const { billing } = await deps.lookups.settings();
  const now = deps.clock();
  const effects: Effects = { readers: new Set(), pastDue: [], donations: [] };
  const claimed = await deps.db.transaction().execute(async (tx) => {
    const row = { provider, event_id: event.id, type: event.type, event_at: event.at, received_at: now };
    if (!(await claimPaymentEvent(tx, row))) return false;
    const ctx = { tx, provider, at: event.at, graceMs: billing.graceDays * DAY, effects, deps };
    if (fetched) await applySubscription(ctx, fetched);
    if (event.kind === 'subscription') await applySubscription(ctx, event.subscription);
    if (event.kind === 'checkout.completed') await applyCheckout(ctx, event);
    if (event.kind === 'invoice') await applyInvoice(ctx, event);
    for (const p of effects.pastDue) await queuePastDueMail(deps.jobs, tx, p);
    for (const id of effects.donations) await queueDonationThanks(deps.jobs, tx, { donationId: id });
    await markPaymentEventProcessed(tx, provider, event.id, now);
    return true;
  });
  if (!claimed) return 'duplicate';
  const actor = `${provider}:${event.id}`;
  for (const id of effects.readers) deps.events.publish({ type: 'membership.updated', id, actor });
  for (const id of effects.donations) deps.events.publish({ type: 'donation.received', id, actor });
  if (effects.pastDue.length || effects.donations.length) deps.jobs.kick();
  return 'processed';
}

/** The subscription the provider must be asked for: a checkout's, or an invoice's that no membership has yet. */
async function subscriptionToFetch(
  deps: Deps,
  provider: string,
  event: PaymentEvent,
): Promise<SubscriptionState | null> {
  if (!deps.payments) return null;
  const id = event.kind === 'checkout.completed' || event.kind === 'invoice' ? event.subscriptionId : null;
  if (!id) return null;
  if (event.kind === 'invoice' && (await findMembershipBySubscription(deps.db, provider, id))) return null;
  if (event.kind === 'invoice' && event.purpose?.kind === 'donation') return null;
  return deps.payments.getSubscription(id);
}

interface Ctx {
  tx: DbHandle;
  provider: string;
  at: number;
  graceMs: number;
  effects: Effects;
  deps: Deps;
}

/** The reader and tier a subscription is for: our metadata, else the customer's reader and the price's tier. */
async function ownerOf(ctx: Ctx, sub: SubscriptionState): Promise<{ readerId: number; tierId: number } | null> {
  if (sub.purpose?.kind === 'donation') return null;
  if (sub.purpose?.kind === 'membership') {
    const [reader, tier] = await Promise.all([
      findReaderById(ctx.tx, sub.purpose.readerId),
      findTier(ctx.tx, sub.purpose.tierId),
    ]);
    return reader && tier ? { readerId: reader.id, tierId: tier.id } : null;
  }
  const readerId = await findReaderOfCustomer(ctx.tx, ctx.provider, sub.customerId);
  const tier = await findTierByProviderPrice(ctx.tx, sub.priceId);
  return readerId && tier ? { readerId, tierId: tier.id } : null;
}

async function applySubscription(ctx: Ctx, sub: SubscriptionState): Promise<Membership | null> {
  const status = membershipStatus(sub);
  let existing = await findMembershipBySubscription(ctx.tx, ctx.provider, sub.id);
  const fields = {
    interval: sub.interval,
    amount: sub.amount,
    currency: sub.currency,
    current_period_end: sub.currentPeriodEnd,
    cancel_at_period_end: sub.cancelAtPeriodEnd ? 1 : 0,
    provider_event_at: ctx.at,
    updated_at: ctx.deps.clock(),
  };
  if (!existing) {
    if (status === null) return null;
    const owner = await ownerOf(ctx, sub);
    if (!owner) return null;
    await linkCustomer(ctx.tx, owner.readerId, ctx.provider, sub.customerId, ctx.deps.clock());
    const row = await insertSubscriptionMembership(ctx.tx, {
      reader_id: owner.readerId,
      tier_id: owner.tierId,
      source: 'subscription',
      status,
      provider: ctx.provider,
      provider_subscription_id: sub.id,
      grace_until: status === 'past_due' ? ctx.at + ctx.graceMs : null,
      ends_at: status === 'ended' ? ctx.at : null,
      created_at: ctx.deps.clock(),
      ...fields,
    });
    if (row) {
      ctx.effects.readers.add(row.reader_id);
      if (status === 'past_due') pastDue(ctx, row, ctx.at + ctx.graceMs);
      return row;
    }
    // Another process's event made it a moment ago: apply this one to that row.
    existing = await findMembershipBySubscription(ctx.tx, ctx.provider, sub.id);
    if (!existing) return null;
  }
  if (!applies(ctx, existing) || status === null) return existing;
  const entering = status === 'past_due' && existing.status !== 'past_due';
  const graceUntil = status === 'past_due' ? (entering ? ctx.at + ctx.graceMs : existing.grace_until) : null;
  const tier = await findTierByProviderPrice(ctx.tx, sub.priceId);
  await updateMembership(ctx.tx, existing.id, {
    ...fields,
    status,
    grace_until: graceUntil,
    ends_at: status === 'ended' ? ctx.at : existing.ends_at,
    // A switch of tier in the provider's portal (to a price an imported tier carries) moves the membership.
    ...(tier ? { tier_id: tier.id } : {}),
  });
  ctx.effects.readers.add(existing.reader_id);
  if (entering) pastDue(ctx, existing, graceUntil as number);
  return existing;
}

/** An event older than what the membership shows, or any event after it ended, changes nothing. */
const applies = (ctx: Ctx, m: Membership) =>
  m.status !== 'ended' && (m.provider_event_at === null || ctx.at >= m.provider_event_at);

function pastDue(ctx: Ctx, m: Pick<Membership, 'id' | 'reader_id'>, graceUntil: number) {
  ctx.effects.pastDue.push({ readerId: m.reader_id, membershipId: m.id, graceUntil });
}

async function applyCheckout(ctx: Ctx, e: Extract<PaymentEvent, { kind: 'checkout.completed' }>): Promise<void> {
  const readerId = e.purpose?.readerId ?? null;
  if (readerId && e.customerId && (await findReaderById(ctx.tx, readerId)))
    await linkCustomer(ctx.tx, readerId, ctx.provider, e.customerId, ctx.deps.clock());
  // A one-off donation is recorded here; monthly giving is recorded by each paid invoice.
  if (e.purpose?.kind === 'donation' && e.mode === 'payment' && e.paid)
    await recordDonation(ctx, {
      readerId,
      email: e.email,
      amount: e.amount,
      currency: e.currency,
      interval: 'once',
      ref: e.sessionId,
    });
}

async function applyInvoice(ctx: Ctx, e: Extract<PaymentEvent, { kind: 'invoice' }>): Promise<void> {
  if (e.purpose?.kind === 'donation') {
    if (e.paid) {
      const readerId = e.customerId ? ((await findReaderOfCustomer(ctx.tx, ctx.provider, e.customerId)) ?? null) : null;
      await recordDonation(ctx, {
        readerId,
        email: e.email,
        amount: e.amount,
        currency: e.currency,
        interval: 'month',
        ref: e.invoiceId,
      });
    }
    return;
  }
  if (!e.subscriptionId) return;
  const m = await findMembershipBySubscription(ctx.tx, ctx.provider, e.subscriptionId);
  if (!m || !applies(ctx, m)) return;
  const now = ctx.deps.clock();
  if (e.paid) {
    const periodEnd = Math.max(m.current_period_end ?? 0, e.periodEnd ?? 0) || null;
    await updateMembership(ctx.tx, m.id, {
      status: m.status === 'past_due' ? 'active' : m.status,
      grace_until: null,
      current_period_end: periodEnd,
      provider_event_at: ctx.at,
      updated_at: now,
    });
  } else {
    const entering = m.status !== 'past_due';
    const graceUntil = entering ? ctx.at + ctx.graceMs : (m.grace_until ?? ctx.at + ctx.graceMs);
    await updateMembership(ctx.tx, m.id, {
      status: 'past_due',
      grace_until: graceUntil,
      provider_event_at: ctx.at,
      updated_at: now,
    });
    if (entering) pastDue(ctx, m, graceUntil);
  }
  ctx.effects.readers.add(m.reader_id);
}

async function recordDonation(
  ctx: Ctx,
  d: {
    readerId: number | null;
    email: string;
    amount: number;
    currency: string;
    interval: 'once' | 'month';
    ref: string;
  },
): Promise<void> {
  if (!(d.amount > 0)) return;
  const id = await insertDonation(ctx.tx, {
    reader_id: d.readerId,
    email: d.email.slice(0, 254),
    amount: d.amount,
    currency: d.currency.slice(0, 3),
    interval: d.interval,
    status: 'paid',
    provider: ctx.provider,
    provider_ref: d.ref,
    created_at: ctx.at,
  });
  if (id !== undefined) ctx.effects.donations.push(id);
}
