import { z } from 'zod';

/** A banner as an editor raises it: a published story's number and a short label. */
export const BannerInputSchema = z.object({
  storyId: z.number().int().positive('Enter the number of a published story.'),
  label: z
    .string()
    .trim()
    .min(1, 'The banner needs a label, such as “Breaking”.')
    .max(40, 'Keep the label under 40 characters.')
    .default('Breaking'),
});
export type BannerValues = z.output<typeof BannerInputSchema>;

/** A banner as the service takes it: parsed values; no label means “Breaking”. */
export type NewBanner = Pick<BannerValues, 'storyId'> & Partial<BannerValues>;
