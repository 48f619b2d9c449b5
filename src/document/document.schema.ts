import { z } from 'zod';
import { isSafeHref } from './safe-href.js';

export { isSafeHref };

/**
 * The structured story body. Every write validates against this schema; the renderer
 * (document.render.ts) is the one place that turns it into HTML.
 */
const SafeHref = z
  .string()
  .trim()
  .max(2000)
  .refine((h) => isSafeHref(h), { message: 'links must be http(s), mailto or site-relative' });

export const InlineSchema = z.object({
  text: z.string().max(20000, 'A paragraph, heading or quote may be at most 20,000 characters long.'),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: SafeHref.optional(),
});

const Inlines = z.array(InlineSchema).max(2000, 'A paragraph may have at most 2,000 differently formatted pieces.');

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), content: Inlines }),
  z.object({
    type: z.literal('heading'),
    level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
    content: Inlines,
  }),
  z.object({ type: z.literal('quote'), content: Inlines, attribution: z.string().max(500).optional() }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    items: z.array(Inlines).min(1).max(500, 'A list may have at most 500 items.'),
  }),
  z.object({
    type: z.literal('image'),
    imageId: z
      .number()
      .int()
      .positive('An image is its number in the media library, such as image:12 (there is no image 0).'),
    alt: z.string().max(1000).default(''),
    caption: z.string().max(2000).optional(),
    credit: z.string().max(500).optional(),
  }),
  z.object({
    type: z.literal('embed'),
    storyId: z.number().int().positive('A related story is its number, such as {{related:34}} (there is no story 0).'),
  }),
  z.object({ type: z.literal('divider') }),
]);

export const DocumentSchema = z.object({
  version: z.literal(1),
  blocks: z
    .array(BlockSchema)
    .max(5000, 'A story may have at most 5,000 blocks (paragraphs, headings, lists, images, dividers).'),
});

export type Inline = z.infer<typeof InlineSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type StoryDocument = z.infer<typeof DocumentSchema>;

/** An empty document. */
export const emptyDocument = (): StoryDocument => ({ version: 1, blocks: [] });

/** The plain text of a run of inlines. */
export const inlineText = (content: Inline[]): string => content.map((i) => i.text).join('');

/** Every story the document embeds, in order, without repeats. */
export function embeddedStoryIds(doc: StoryDocument): number[] {
  return [...new Set(doc.blocks.flatMap((b) => (b.type === 'embed' ? [b.storyId] : [])))];
}

/** Every image the document shows, without repeats. */
export function documentImageIds(doc: StoryDocument): number[] {
  return [...new Set(doc.blocks.flatMap((b) => (b.type === 'image' ? [b.imageId] : [])))];
}

/** The document's readable text, block by block (for word counts, excerpts and search). */
export function documentText(doc: StoryDocument): string[] {
  return doc.blocks.flatMap((b) => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return [inlineText(b.content)];
      case 'quote':
        return [inlineText(b.content), b.attribution ?? ''].filter(Boolean);
      case 'list':
        return b.items.map(inlineText);
      case 'image':
        return b.caption ? [b.caption] : [];
      default:
        return [];
    }
  });
}
