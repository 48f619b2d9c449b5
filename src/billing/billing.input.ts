import { z } from 'zod';
import { rowIdText } from '../lib/row-id.js';

/** The pricing page's Subscribe form: which tier, which price. */
export const SubscribeForm = z.object({
  tier: rowIdText,
  interval: z.enum(['month', 'year']),
});

/** The Support page's form: a preset (minor units) or a typed amount, once or monthly, and joining as a member. */
export const DonateForm = z.object({
  preset: z.string().max(20).optional(),
  custom: z.string().max(20).optional(),
  interval: z.enum(['once', 'month']),
  join: z.string().max(5).optional(),
});
