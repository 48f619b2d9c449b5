import { z } from 'zod';
import { SLUG_PATTERN } from '../stories/slug.js';

/**
 * A tier as the desk's form sends it. Prices arrive as typed text in the major unit ("8", "8.50"); the service
 * turns them into minor units of the newsroom's currency (money.ts), which only it knows.
 */
export const TierSchema = z.object({
  name: z.string().trim().min(1, 'A tier needs a name.').max(80, 'A tier’s name can be at most 80 characters long.'),
  slug: z
    .string()
    .trim()
    .max(60)
    .refine((s) => s === '' || SLUG_PATTERN.test(s), 'must be a slug such as "supporter"'),
  kind: z.enum(['free', 'paid']),
  description: z.string().trim().max(500, 'A description can be at most 500 characters long.'),
  /** One benefit a line. */
  benefits: z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(160, 'A benefit can be at most 160 characters long.'))
        .max(12, 'A tier lists at most 12 benefits.'),
    ),
  monthlyPrice: z.string().max(20),
  yearlyPrice: z.string().max(20),
  position: z.coerce.number().int().min(0).max(10_000),
});

export type TierInput = z.output<typeof TierSchema>;

/** The desk's billing settings form: currency, grace period, donation prompt and presets (typed amounts). */
export const BillingFormSchema = z.object({
  currency: z.string().max(10),
  graceDays: z.coerce.number().int(),
  donationPrompt: z.enum(['off', 'always', 'after']),
  promptAfter: z.coerce.number().int(),
  donationPresets: z.string().max(200),
});
