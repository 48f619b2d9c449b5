import type { Section } from '../db/database.js';
import { type Edition, editionOf, editionPath } from '../editions/edition.js';
import type { ImageView } from '../media/image.present.js';
import { sectionUrl } from '../sections/section.url.js';
import type { CardRow } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';

/** What a listing shows of a story: headline, lede, time, section, thumbnail. */
export interface StoryCardView {
  id: number;
  /** The story's URL in its own edition. */
  url: string;
  /** The story's language (a card in another edition's list is marked with it). */
  language: string;
  headline: string;
  excerpt: string;
  publishedAt: number;
  updatedAt: number;
  section: { name: string; url: string } | null;
  image: (ImageView & { alt: string }) | null;
  live: boolean;
}

/** Sections by id in each language cards are in (a card shows its section in its story's words; see sectionMaps). */
export type SectionMaps = ReadonlyMap<string, ReadonlyMap<number, Section>>;

export function presentCard(
  row: CardRow,
  sections: SectionMaps,
  images: ReadonlyMap<number, ImageView>,
  editions: readonly Edition[],
): StoryCardView {
  const section = sections.get(row.language)?.get(row.section_id);
  const image = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
  const edition = editionOf(editions, row.language);
  return {
    id: row.id,
    url: storyUrl(row.slug, edition),
    language: row.language,
    headline: row.headline,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    section: section ? { name: section.name, url: editionPath(edition, sectionUrl(section.slug)) } : null,
    image: image ? { ...image, alt: row.hero_alt || image.alt } : null,
    // A live blog is "LIVE" until an editor ends its coverage.
    live: row.kind === 'liveblog' && row.coverage_ended_at == null,
  };
}
