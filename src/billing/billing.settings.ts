import { z } from 'zod';

/**
 * The newsroom's reader-revenue settings (the desk's tiers page, `tiers.manage`): the currency every price is in,
 * the grace period of a failed renewal, and the donation prompt under stories and in newsletters. One settings row
 * (`billing.settings`, JSON), read through the lookups with the other settings, changed through the settings service.
 */
export interface BillingSettings {
  /** ISO 4217 code, upper case (EUR, USD, UAH, …): tier prices and donations are in its minor unit. */
  currency: string;
  /** A reader whose renewal failed keeps access this many days while the provider retries (0: none). */
  graceDays: number;
  /** The donation prompt: never, under every story, or once a reader has read `promptAfter` stories. */
  donationPrompt: 'off' | 'always' | 'after';
  promptAfter: number;
  /** The preset one-off amounts on the Support page, in minor units, ascending. */
  donationPresets: number[];
}

export const DEFAULT_BILLING: BillingSettings = {
  currency: 'EUR',
  graceDays: 7,
  donationPrompt: 'off',
  promptAfter: 3,
  donationPresets: [500, 1000, 2500],
};

/** Currencies Intl knows (a made-up code is refused rather than shown as itself). */
const knownCurrency = (code: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().currency === code;
  } catch {
    return false;
  }
};

export const BillingSettingsSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'The currency is a three-letter ISO code, e.g. EUR or USD.')
    .refine(knownCurrency, 'That is not a currency code Broadsheet knows.'),
  graceDays: z.number().int().min(0, 'Grace period: 0 to 60 days.').max(60, 'Grace period: 0 to 60 days.'),
  donationPrompt: z.enum(['off', 'always', 'after']),
  promptAfter: z.number().int().min(1, 'Prompt after: 1 to 100 stories.').max(100, 'Prompt after: 1 to 100 stories.'),
  donationPresets: z.array(z.number().int().positive().max(100_000_000)).min(1).max(6),
});

/** The stored settings, a default for any missing or unreadable one. */
export function parseBillingSettings(json: string | undefined): BillingSettings {
  if (!json) return DEFAULT_BILLING;
  try {
    const parsed = BillingSettingsSchema.partial().safeParse(JSON.parse(json));
    if (!parsed.success) return DEFAULT_BILLING;
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    return { ...DEFAULT_BILLING, ...given };
  } catch {
    return DEFAULT_BILLING;
  }
}
