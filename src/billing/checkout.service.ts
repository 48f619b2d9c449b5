import type { AppDeps } from '../app.deps.js';
import type { Reader } from '../db/database.js';
import { AppError, badRequest } from '../http/errors.js';
import { membershipsOfReader } from './membership.repo.js';
import { findCustomerOfReader, linkCustomer } from './payment.repo.js';
import type { PaymentProvider } from './payment.provider.js';
import { findTier } from './tier.repo.js';
import { tierView } from './tier.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'payments' | 'lookups' | 'config'>;

/** Payments are on (keys configured), or a 404: no payment route answers without them. */
export function paymentsOf(deps: Pick<AppDeps, 'payments'>): PaymentProvider {
  if (!deps.payments) throw new AppError(404, 'payments_off', 'Payments are not open on this site.');
  return deps.payments;
}

/** The provider could not be reached or refused: a 503 the reader may retry, never a stack trace. */
async function askProvider<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      503,
      'provider_unavailable',
      'The payment provider could not be reached. Please try again in a minute.',
    );
  }
}

/** The reader's customer at the provider: the one they have, or a new one (kept in payment_customers). */
async function customerOf(deps: Deps, provider: PaymentProvider, reader: Reader): Promise<string> {
  const known = await findCustomerOfReader(deps.db, reader.id);
  if (known) return known;
  const made = await askProvider(() =>
    provider.createCustomer({ id: reader.id, email: reader.email, name: reader.name }),
  );
  await linkCustomer(deps.db, reader.id, provider.name, made, deps.clock());
  // Two tabs racing: the first link wins, and both use it.
  return (await findCustomerOfReader(deps.db, reader.id)) ?? made;
}

/** Starts a Checkout for a tier's monthly or yearly price; returns the provider's page to send the reader to. */
export async function startMembershipCheckout(
  deps: Deps,
  reader: Reader,
  choice: { tierId: number; interval: 'month' | 'year' },
  urls: { success: string; cancel: string; locale: string },
): Promise<string> {
  const provider = paymentsOf(deps);
  const row = await findTier(deps.db, choice.tierId);
  const tier = row ? tierView(row) : null;
  const price = tier ? (choice.interval === 'month' ? tier.monthlyPrice : tier.yearlyPrice) : null;
  if (!tier || tier.archived || tier.kind !== 'paid' || price === null)
    throw badRequest('That membership cannot be joined.');
  const { currency } = (await deps.lookups.settings()).billing;
  const priceId = choice.interval === 'month' ? tier.providerMonthlyPriceId : tier.providerYearlyPriceId;
  const customerId = await customerOf(deps, provider, reader);
  const session = await askProvider(() =>
    provider.createCheckout({
      mode: 'subscription',
      customerId,
      line: priceId
        ? { priceId }
        : { amount: price, currency: currency.toLowerCase(), name: tier.name, interval: choice.interval },
      purpose: { kind: 'membership', readerId: reader.id, tierId: tier.id },
      successUrl: urls.success,
      cancelUrl: urls.cancel,
      locale: urls.locale,
    }),
  );
  return session.url;
}

/** Starts a donation's Checkout: once (a payment) or monthly (a subscription); a signed-in donor may join. */
export async function startDonationCheckout(
  deps: Deps,
  reader: Reader | null,
  gift: { amount: number; interval: 'once' | 'month'; join: boolean },
  urls: { success: string; cancel: string; locale: string; name: string },
): Promise<string> {
  const provider = paymentsOf(deps);
  const { currency } = (await deps.lookups.settings()).billing;
  const customerId = reader ? await customerOf(deps, provider, reader) : null;
  const session = await askProvider(() =>
    provider.createCheckout({
      mode: gift.interval === 'month' ? 'subscription' : 'payment',
      customerId,
      line: {
        amount: gift.amount,
        currency: currency.toLowerCase(),
        name: urls.name,
        interval: gift.interval === 'month' ? 'month' : null,
      },
      purpose: { kind: 'donation', readerId: reader?.id ?? null, joinAsMember: gift.join && reader !== null },
      successUrl: urls.success,
      cancelUrl: urls.cancel,
      locale: urls.locale,
    }),
  );
  return session.url;
}

/** The provider's portal for a reader who has a customer there; 400 for one who never paid. */
export async function portalUrl(deps: Deps, reader: Reader, returnUrl: string): Promise<string> {
  const provider = paymentsOf(deps);
  const customerId = await findCustomerOfReader(deps.db, reader.id);
  if (!customerId) throw badRequest('You have no membership to manage yet.');
  return (await askProvider(() => provider.createPortalSession(customerId, returnUrl))).url;
}

/** What the account page shows of a reader's membership: the newest one that has not ended, with its tier's name. */
export interface AccountMembership {
  tierName: string;
  status: 'active' | 'trialing' | 'past_due' | 'canceled' | 'ended';
  source: 'subscription' | 'complimentary' | 'import';
  renewsAt: number | null;
  accessUntil: number | null;
  canManage: boolean;
}

export async function accountMembership(deps: Deps, readerId: number): Promise<AccountMembership | null> {
  const now = deps.clock();
  const all = await membershipsOfReader(deps.db, readerId);
  const m = all.find((x) => x.status !== 'ended' && (x.ends_at === null || x.ends_at > now));
  if (!m) return null;
  const tier = await findTier(deps.db, m.tier_id);
  const accessUntil =
    m.status === 'past_due' ? m.grace_until : m.status === 'canceled' ? m.current_period_end : m.ends_at;
  return {
    tierName: tier?.name ?? '',
    status: m.status,
    source: m.source,
    renewsAt: m.status === 'active' && m.source === 'subscription' ? m.current_period_end : null,
    accessUntil,
    canManage: deps.payments !== null && (await findCustomerOfReader(deps.db, readerId)) !== undefined,
  };
}
