import type { AuthorView } from '../authors/author.present.js';
import type { Section, Story, StoryKind, TagLink } from '../db/database.js';
import type { StoryDocument } from '../document/document.schema.js';
import { type Edition, editionPath } from '../editions/edition.js';
import type { ImageView } from '../media/image.present.js';
import { sectionUrl } from '../sections/section.url.js';
import { tagUrl } from '../tags/tag.url.js';
import { storyUrl } from './story.url.js';

/** What a reader may see of a story; listed field by field so a new column never leaks. */
export interface StoryView {
  id: number;
  slug: string;
  /** The story's URL in its edition. */
  url: string;
  /** The language it is written in (its edition's code). */
  language: string;
  headline: string;
  dek: string;
  excerpt: string;
  body: StoryDocument;
  kind: StoryKind;
  /** Live blogs: when coverage ended (null while live). */
  coverageEndedAt: number | null;
  readingMinutes: number;
  wordCount: number;
  publishedAt: number;
  updatedAt: number;
  hero: { image: ImageView; alt: string; caption: string; credit: string } | null;
  sections: { name: string; url: string }[];
  tags: { name: string; url: string }[];
  authors: AuthorView[];
  /** A translation's translators, credited under the byline. */
  translators: AuthorView[];
  /** The story's own words for search engines and social cards (empty: the defaults; see seo/seo.data.ts). */
  seo: StorySeoView;
}

/** A story's search and social fields as stored, with their images (null: none chosen). */
export interface StorySeoView {
  metaTitle: string;
  metaDescription: string;
  ogTitle: string;
  ogDescription: string;
  ogImage: ImageView | null;
  twitterTitle: string;
  twitterDescription: string;
  twitterImage: ImageView | null;
  canonicalUrl: string;
  noindex: boolean;
}

export function presentStory(
  s: Story,
  parts: {
    sectionPath: Section[];
    tags: TagLink[];
    authors: AuthorView[];
    heroImage: ImageView | null;
    body?: StoryDocument;
    /** The story's edition: its links (sections, tags) stay in it. The primary edition's paths when absent. */
    edition?: Pick<Edition, 'prefix'>;
    translators?: AuthorView[];
    /** The images the search and social fields name, by id (one not given or not found shows none). */
    images?: ReadonlyMap<number, ImageView>;
  },
): StoryView {
  const image = (id: number | null) => (id !== null ? (parts.images?.get(id) ?? null) : null);
  const inEdition = (path: string) => (parts.edition ? editionPath(parts.edition, path) : path);
  return {
    id: s.id,
    slug: s.slug,
    url: storyUrl(s.slug, parts.edition, s.kind),
    language: s.language,
    headline: s.headline,
    dek: s.dek,
    excerpt: s.excerpt,
    body: parts.body ?? (JSON.parse(s.body) as StoryDocument),
    kind: s.kind,
    coverageEndedAt: s.coverage_ended_at ?? null,
    readingMinutes: s.reading_minutes,
    wordCount: s.word_count,
    publishedAt: s.published_at ?? s.updated_at,
    updatedAt: s.updated_at,
    hero: parts.heroImage
      ? {
          image: parts.heroImage,
          alt: s.hero_alt || parts.heroImage.alt,
          caption: s.hero_caption || parts.heroImage.caption,
          credit: s.hero_credit || parts.heroImage.credit,
        }
      : null,
    sections: parts.sectionPath.map((x) => ({ name: x.name, url: inEdition(sectionUrl(x.slug)) })),
    tags: parts.tags.map((t) => ({ name: t.name, url: inEdition(tagUrl(t.slug)) })),
    authors: parts.authors,
    translators: parts.translators ?? [],
    seo: {
      metaTitle: s.meta_title,
      metaDescription: s.meta_description,
      ogTitle: s.og_title,
      ogDescription: s.og_description,
      ogImage: image(s.og_image_id),
      twitterTitle: s.twitter_title,
      twitterDescription: s.twitter_description,
      twitterImage: image(s.twitter_image_id),
      canonicalUrl: s.canonical_url,
      noindex: s.noindex === 1,
    },
  };
}
