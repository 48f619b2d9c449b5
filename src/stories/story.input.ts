import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';
import { DocumentSchema } from '../document/document.schema.js';
import { epochMs } from '../lib/iso-date.js';
import { SLUG_PATTERN } from './slug.js';
import { rowId } from '../lib/row-id.js';

/** The longest search or social title and description a story keeps (importers shorten longer ones and say so). */
export const SEO_TITLE_MAX = 300;
export const SEO_DESCRIPTION_MAX = 1000;
export const CANONICAL_URL_MAX = 2000;

/** An absolute http(s) URL. */
export function isWebUrl(v: string): boolean {
  if (!/^https?:\/\//i.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** What a writer may set on a story. The story services parse it (merged with the stored story on an update), so
 * every caller (desk saves, the scheduler, the workflow) gets the same checks; faces parse their own request shapes. */
export const StoryInputSchema = z.object({
  headline: z.string().trim().min(1, 'A headline is required.').max(300),
  slug: z
    .string()
    .trim()
    .max(120)
    .regex(SLUG_PATTERN, 'A slug may use lower-case letters, digits and hyphens.')
    .optional(),
  dek: z.string().trim().max(600).default(''),
  excerpt: z.string().trim().max(1000).optional(),
  body: DocumentSchema,
  heroImageId: rowId.nullable().default(null),
  heroCaption: z.string().trim().max(1000).default(''),
  heroCredit: z.string().trim().max(300).default(''),
  heroAlt: z.string().trim().max(500).default(''),
  sectionId: rowId,
  tagIds: z.array(rowId).max(50).default([]),
  authorIds: z.array(rowId).max(20).default([]),
  /** A translation's translators, credited under the byline. */
  translatorIds: z.array(rowId).max(20).default([]),
  /** The edition's language the story is written in; the primary edition's when left out (creation only). */
  language: z.string().trim().regex(LANGUAGE_TAG, 'A language is a code such as en or uk.').optional(),
  /** Creation only: the story this one translates (it joins that story's translation group). */
  translationOf: rowId.optional(),
  status: z.enum(['draft', 'review', 'scheduled', 'published']).default('draft'),
  /** A static page (an import's About page) is never listed as news; the desk makes stories and live blogs. */
  kind: z.enum(['story', 'liveblog', 'page']).default('story'),
  // Search and social: each empty (or null) when the default applies (the headline, the dek, the hero image).
  metaTitle: z.string().trim().max(SEO_TITLE_MAX).default(''),
  metaDescription: z.string().trim().max(SEO_DESCRIPTION_MAX).default(''),
  ogTitle: z.string().trim().max(SEO_TITLE_MAX).default(''),
  ogDescription: z.string().trim().max(SEO_DESCRIPTION_MAX).default(''),
  ogImageId: rowId.nullable().default(null),
  twitterTitle: z.string().trim().max(SEO_TITLE_MAX).default(''),
  twitterDescription: z.string().trim().max(SEO_DESCRIPTION_MAX).default(''),
  twitterImageId: rowId.nullable().default(null),
  /** Another address that is this story's canonical one (where it was first published); empty: its own. */
  canonicalUrl: z
    .string()
    .trim()
    .max(CANONICAL_URL_MAX)
    .refine((v) => v === '' || isWebUrl(v), 'A canonical URL is a full web address (https://…), or empty.')
    .default(''),
  /** Keep the story out of search engines (robots noindex) and the sitemaps. */
  noindex: z.boolean().default(false),
  /** Epoch ms; for scheduled stories the time they go live, for imports the original date. */
  publishedAt: epochMs.nullable().optional(),
  updatedAt: epochMs.optional(),
});

export type StoryInput = z.input<typeof StoryInputSchema>;

/** The fields a desk save sets: the story's content, never its status (publishing is its own action). */
export const DeskStorySchema = StoryInputSchema.pick({
  headline: true,
  dek: true,
  excerpt: true,
  body: true,
  heroImageId: true,
  heroCaption: true,
  heroCredit: true,
  heroAlt: true,
  sectionId: true,
  tagIds: true,
  authorIds: true,
  translatorIds: true,
  kind: true,
  metaTitle: true,
  metaDescription: true,
  ogTitle: true,
  ogDescription: true,
  ogImageId: true,
  twitterTitle: true,
  twitterDescription: true,
  twitterImageId: true,
  canonicalUrl: true,
  noindex: true,
}).extend({
  /**
   * The edition's language: chosen when the story is created (the primary edition's when left out); a save that
   * names another one moves the story there, unless its translation group has a story in that language already.
   */
  language: StoryInputSchema.shape.language,
  /** Creation only: the story this one translates (see "Translate this story"). */
  translationOf: StoryInputSchema.shape.translationOf,
  // An empty slug means "make one from the headline".
  slug: z.preprocess((v) => (v === '' || v === null ? undefined : v), StoryInputSchema.shape.slug),
  /** Tags to find or create by name. */
  newTags: z.array(z.string().max(60)).max(20).default([]),
  /** A guest byline to create by name; created by the save, after its permission check, never by reading the form. */
  guestAuthor: z.string().max(200).optional(),
});
export type DeskStoryInput = z.input<typeof DeskStorySchema>;

/** "Translate this story": the language of the new draft, and optionally its headline in that language. */
export const TranslateSchema = z.object({
  language: z
    .string({ error: 'Choose the language to translate the story into.' })
    .trim()
    .regex(LANGUAGE_TAG, 'Choose the language to translate the story into.'),
  /** The translation's headline; the source's is copied as the starting point when it is left empty. */
  headline: z.string().trim().max(300).optional(),
});

/** "Translate this story" as the service takes it, parsed. */
export type TranslateValues = z.output<typeof TranslateSchema>;

/** "Change language": the edition's language the story moves to. */
export const LanguageSchema = TranslateSchema.pick({ language: true });
