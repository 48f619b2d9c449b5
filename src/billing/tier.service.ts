import type { AppDeps } from '../app.deps.js';
import type { Tier } from '../db/database.js';
import { violatesUnique } from '../db/unique-violation.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { slugify } from '../stories/slug.js';
import { type BillingSettings, BillingSettingsSchema } from './billing.settings.js';
import { parseAmount } from './money.js';
import type { TierInput } from './tier.input.js';
import { findTier, insertTier, listTiers, updateTier as updateTierRow } from './tier.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { parseInput } from '../lib/parse-input.js';
import type { z } from 'zod';
import type { BillingFormSchema } from './tier.input.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'lookups'>;

/** A tier as faces show it: benefits as a list, archived as a flag. */
export interface TierView {
  id: number;
  slug: string;
  name: string;
  kind: 'free' | 'paid';
  description: string;
  benefits: string[];
  monthlyPrice: number | null;
  yearlyPrice: number | null;
  position: number;
  archived: boolean;
  /** The provider's price ids, when the tier came with them (an import): Checkout uses them. */
  providerMonthlyPriceId: string;
  providerYearlyPriceId: string;
}

const benefitsOf = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((b): b is string => typeof b === 'string') : [];
  } catch {
    return [];
  }
};

/** A tier row → what faces show. */
export function tierView(t: Tier): TierView {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    description: t.description,
    benefits: benefitsOf(t.benefits),
    monthlyPrice: t.monthly_price,
    yearlyPrice: t.yearly_price,
    position: t.position,
    archived: t.archived_at !== null,
    providerMonthlyPriceId: t.provider_monthly_price_id,
    providerYearlyPriceId: t.provider_yearly_price_id,
  };
}

/** Every tier in the desk's order, archived ones last within it. */
export async function allTiers(deps: Pick<AppDeps, 'db'>): Promise<TierView[]> {
  return (await listTiers(deps.db)).map(tierView);
}

/** The tiers a reader may join now (the pricing page): not archived, in order. */
export async function activeTiers(deps: Pick<AppDeps, 'db'>): Promise<TierView[]> {
  return (await allTiers(deps)).filter((t) => !t.archived);
}

/** One tier, or 404. */
export async function getTier(deps: Pick<AppDeps, 'db'>, id: number): Promise<TierView> {
  const row = await findTier(deps.db, id);
  if (!row) throw notFound('tier');
  return tierView(row);
}

/** The typed form → a row's fields, prices in minor units of the newsroom's currency. */
function tierFields(input: TierInput, currency: string) {
  const monthly = parseAmount(input.monthlyPrice, currency);
  const yearly = parseAmount(input.yearlyPrice, currency);
  if (!monthly.ok) throw badRequest(`Monthly price: ${monthly.message}`);
  if (!yearly.ok) throw badRequest(`Yearly price: ${yearly.message}`);
  const paid = input.kind === 'paid';
  if (paid && monthly.amount === null && yearly.amount === null)
    throw badRequest('A paid tier needs a monthly price, a yearly price, or both.');
  const slug = input.slug || slugify(input.name, 60);
  if (!slug) throw badRequest('Give the tier a slug (letters and digits), e.g. "supporter".');
  return {
    slug,
    name: input.name,
    kind: input.kind,
    description: input.description,
    benefits: JSON.stringify(input.benefits),
    // A free tier costs nothing: whatever was typed in its price fields is not kept.
    monthly_price: paid ? monthly.amount : null,
    yearly_price: paid ? yearly.amount : null,
    position: input.position,
  };
}

async function currencyOf(deps: Deps): Promise<string> {
  return (await deps.lookups.settings()).billing.currency;
}

const slugTaken = (err: unknown) => violatesUnique(err, 'tiers', 'tiers_slug_key', ['slug']);

/** Creates a tier; publishes `tier.updated`. A slug in use is a 409. */
export async function createTier(deps: Deps, input: TierInput, actor: string): Promise<TierView> {
  const fields = tierFields(input, await currencyOf(deps));
  const now = deps.clock();
  try {
    const row = await insertTier(deps.db, { ...fields, created_at: now, updated_at: now });
    deps.events.publish({ type: 'tier.updated', id: row.id, actor });
    return tierView(row);
  } catch (err) {
    if (slugTaken(err)) throw conflict(`Another tier has the slug "${fields.slug}".`);
    throw err;
  }
}

/** Changes a tier (its members keep it; a new price applies to new subscriptions). */
export async function editTier(deps: Deps, id: number, input: TierInput, actor: string): Promise<void> {
  await getTier(deps, id);
  const fields = tierFields(input, await currencyOf(deps));
  try {
    await updateTierRow(deps.db, id, { ...fields, updated_at: deps.clock() });
  } catch (err) {
    if (slugTaken(err)) throw conflict(`Another tier has the slug "${fields.slug}".`);
    throw err;
  }
  deps.events.publish({ type: 'tier.updated', id, actor });
}

/** Archives a tier (hidden from new readers; existing members keep it) or brings it back. */
export async function setTierArchived(deps: Deps, id: number, archived: boolean, actor: string): Promise<void> {
  await getTier(deps, id);
  const now = deps.clock();
  await updateTierRow(deps.db, id, { archived_at: archived ? now : null, updated_at: now });
  deps.events.publish({ type: 'tier.updated', id, actor });
}

/** The desk's billing form (typed text) → the settings, saved through the settings service. */
export async function saveBillingSettings(
  deps: Deps,
  form: z.output<typeof BillingFormSchema>,
  actor: string,
): Promise<BillingSettings> {
  const currency = form.currency.trim().toUpperCase();
  const presets: number[] = [];
  for (const part of form.donationPresets.split(/[\s;|/]+/).filter(Boolean)) {
    const parsed = /^[A-Z]{3}$/.test(currency) ? parseAmount(part, currency) : parseAmount(part, 'EUR');
    if (!parsed.ok || parsed.amount === null)
      throw badRequest(`Donation presets: "${part}": ${parsed.ok ? '' : parsed.message}`);
    presets.push(parsed.amount);
  }
  const billing = parseInput(BillingSettingsSchema, {
    currency,
    graceDays: form.graceDays,
    donationPrompt: form.donationPrompt,
    promptAfter: form.promptAfter,
    donationPresets: [...new Set(presets)].sort((a, b) => a - b),
  });
  await updateSettings(deps, { billing }, actor);
  return billing;
}
