import type { AuthorView } from '../authors/author.present.js';
import type { Section, Story, Tag } from '../db/database.js';
import type { StoryDocument } from '../document/document.schema.js';
import type { ImageView } from '../media/image.present.js';
import { sectionUrl } from '../sections/section.repo.js';
import { tagUrl } from '../tags/tag.repo.js';
import { storyUrl } from './story.url.js';

/** What a reader may see of a story; listed field by field so a new column never leaks. */
export interface StoryView {
  id: number;
  slug: string;
  url: string;
  headline: string;
  dek: string;
  excerpt: string;
  body: StoryDocument;
  kind: 'story' | 'liveblog';
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
}

export function presentStory(
  s: Story,
  parts: {
    sectionPath: Section[];
    tags: Tag[];
    authors: AuthorView[];
    heroImage: ImageView | null;
    body?: StoryDocument;
  },
): StoryView {
  return {
    id: s.id,
    slug: s.slug,
    url: storyUrl(s.slug),
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
    sections: parts.sectionPath.map((x) => ({ name: x.name, url: sectionUrl(x.slug) })),
    tags: parts.tags.map((t) => ({ name: t.name, url: tagUrl(t.slug) })),
    authors: parts.authors,
  };
}
