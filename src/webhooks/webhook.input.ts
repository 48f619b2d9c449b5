import { z } from 'zod';

/** The story events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['story.published', 'story.updated', 'story.unpublished'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook as an operator adds it (desk form, CLI). */
export const WebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .url('must be a full address such as https://example.org/hooks')
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'must name at least one event').optional(),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
});
export type WebhookValues = z.output<typeof WebhookSchema>;
