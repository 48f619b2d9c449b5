import { z } from 'zod';

/** The words that travel with an upload; the same limits as the document's image block. */
export const ImageMetaSchema = z.object({
  alt: z.string().trim().max(1000, 'Alt text may be at most 1,000 characters.').default(''),
  caption: z.string().trim().max(2000, 'A caption may be at most 2,000 characters.').default(''),
  credit: z.string().trim().max(500, 'A credit may be at most 500 characters.').default(''),
});
export type ImageMeta = z.output<typeof ImageMetaSchema>;

/** A delete's one choice: go ahead even though stories show the image (they lose it). */
export const DeleteImageSchema = z.object({
  confirm: z
    .enum(['0', '1', 'true', 'false'], 'confirm is 1 (delete and take it out of the stories) or 0.')
    .default('0'),
});
export const confirmed = (v: z.output<typeof DeleteImageSchema>) => v.confirm === '1' || v.confirm === 'true';
