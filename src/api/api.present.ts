import type { AuthorLink } from '../authors/author.present.js';
import { authorUrl } from '../authors/author.present.js';
import type { Author, Section, StoryKind, TagLink } from '../db/database.js';
import { type Edition, editionOf, editionPath } from '../editions/edition.js';
import type { StoryDocument } from '../document/document.schema.js';
import type { StoryCardView } from '../news-feed/card.present.js';
import type { ImageView } from '../media/image.present.js';
import type { SearchResult } from '../search/search.service.js';
import { segmentsHtml } from '../search/search.query.js';
import { sectionUrl } from '../sections/section.url.js';
import type { CardRow } from '../stories/story.repo.js';
import type { StorySeoView } from '../stories/story.present.js';
import { storyUrl } from '../stories/story.url.js';
import { tagUrl } from '../tags/tag.url.js';
import { isoTime } from '../lib/iso-date.js';

/*
 * What the public API shows. Every object lists its fields one by one: a new column, an account id
 * (authors.user_id) or an unpublished story can never reach a client by accident. Times are ISO 8601
 * (UTC) and links absolute, built from PUBLIC_URL.
 */

const abs = (base: string, url: string) => (url.startsWith('/') ? base + url : url);
/** A reader path inside an edition (`/uk/…`), as it is when no edition is given. */
const inEdition = (edition: Pick<Edition, 'prefix'> | undefined, path: string) =>
  edition ? editionPath(edition, path) : path;

export interface ApiImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
}

export function apiImage(base: string, img: ImageView, alt?: string): ApiImage {
  return {
    url: abs(base, img.src),
    width: img.width,
    height: img.height,
    alt: alt || img.alt,
    caption: img.caption,
    credit: img.credit,
  };
}

export interface ApiSection {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  url: string;
}

/** A section as one edition names and serves it (`/uk/sections/x`); the primary edition's when none is given. */
export const apiSection = (base: string, s: Section, edition?: Pick<Edition, 'prefix'>): ApiSection => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  description: s.description,
  parentId: s.parent_id,
  url: base + inEdition(edition, sectionUrl(s.slug)),
});

export interface ApiTag {
  id: number;
  slug: string;
  name: string;
  url: string;
}

/** A tag as one edition names and serves it (`/uk/tags/x`); the primary edition's when none is given. */
export const apiTag = (base: string, t: TagLink, edition?: Pick<Edition, 'prefix'>): ApiTag => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  url: base + inEdition(edition, tagUrl(t.slug)),
});

export interface ApiAuthor {
  id: number;
  slug: string;
  name: string;
  roleTitle: string;
  shortBio: string;
  bio: string;
  url: string;
  avatar: ApiImage | null;
  links: AuthorLink[];
}

/** An author as one edition shows them (role and bios in its language, `/uk/authors/x`); the primary's by default. */
export function apiAuthor(
  base: string,
  a: Author,
  avatar: ImageView | null,
  edition?: Pick<Edition, 'prefix'>,
): ApiAuthor {
  const links = (JSON.parse(a.links) as AuthorLink[]).filter(
    (l) => /^https?:\/\//.test(l.url) || l.url.startsWith('mailto:'),
  );
  return {
    id: a.id,
    slug: a.slug,
    name: a.name,
    roleTitle: a.role_title,
    shortBio: a.short_bio || a.bio.split(/(?<=\.)\s/)[0] || '',
    bio: a.bio,
    url: base + inEdition(edition, authorUrl(a.slug)),
    avatar: avatar ? apiImage(base, avatar, a.name) : null,
    links: links.map((l) => ({ label: l.label, url: l.url })),
  };
}

/** Another language's version of a story (a published member of its translation group). */
export interface ApiTranslation {
  id: number;
  slug: string;
  language: string;
  url: string;
}

/** A byline inside a story: enough to link to the author. */
export interface ApiByline {
  id: number;
  slug: string;
  name: string;
  url: string;
}

export interface ApiStorySummary {
  id: number;
  slug: string;
  url: string;
  /** The language the story is written in (its edition's code). */
  language: string;
  /** The id of the story its translation group started from; null when it is in none. */
  translationGroup: number | null;
  /** Its published translations, each at its edition's URL. */
  translations: ApiTranslation[];
  headline: string;
  dek: string;
  excerpt: string;
  kind: StoryKind;
  publishedAt: string;
  updatedAt: string;
  section: ApiSection | null;
  authors: ApiByline[];
  tags: ApiTag[];
  image: ApiImage | null;
}

export interface SummaryParts {
  dek: string;
  /** Sections by id in each language (sectionMaps): the story's section in its own language's words. */
  sections: ReadonlyMap<string, ReadonlyMap<number, Section>>;
  authors: readonly Author[];
  tags: readonly TagLink[];
  image: ImageView | null;
  editions: readonly Edition[];
  translationGroup: number | null;
  translations: readonly { id: number; slug: string; language: string }[];
}

export function apiStorySummary(base: string, row: CardRow, parts: SummaryParts): ApiStorySummary {
  const edition = editionOf(parts.editions, row.language);
  const section = parts.sections.get(row.language)?.get(row.section_id);
  return {
    id: row.id,
    slug: row.slug,
    url: base + storyUrl(row.slug, edition),
    language: row.language,
    translationGroup: parts.translationGroup,
    translations: parts.translations.map((t) => ({
      id: t.id,
      slug: t.slug,
      language: t.language,
      url: base + storyUrl(t.slug, editionOf(parts.editions, t.language)),
    })),
    headline: row.headline,
    dek: parts.dek,
    excerpt: row.excerpt,
    kind: row.kind,
    publishedAt: isoTime(row.published_at),
    updatedAt: isoTime(row.updated_at),
    // The section, tags and bylines link inside the story's own edition.
    section: section ? apiSection(base, section, edition) : null,
    authors: parts.authors.map((a) => ({
      id: a.id,
      slug: a.slug,
      name: a.name,
      url: base + editionPath(edition, authorUrl(a.slug)),
    })),
    tags: parts.tags.map((t) => apiTag(base, t, edition)),
    image: parts.image ? apiImage(base, parts.image, row.hero_alt) : null,
  };
}

export interface ApiStory extends ApiStorySummary {
  readingMinutes: number;
  wordCount: number;
  hero: { image: ApiImage; caption: string; credit: string } | null;
  /** The body twice: the structured document, and the same rendered to HTML with absolute links. */
  body: { document: StoryDocument; html: string };
  /** Search and social words as written (empty: the default applies). */
  seo: ApiSeo;
}

export interface ApiSeo {
  metaTitle: string;
  metaDescription: string;
  ogTitle: string;
  ogDescription: string;
  ogImage: ApiImage | null;
  twitterTitle: string;
  twitterDescription: string;
  twitterImage: ApiImage | null;
  canonicalUrl: string;
  noindex: boolean;
}

export const apiSeo = (base: string, s: StorySeoView): ApiSeo => ({
  metaTitle: s.metaTitle,
  metaDescription: s.metaDescription,
  ogTitle: s.ogTitle,
  ogDescription: s.ogDescription,
  ogImage: s.ogImage ? apiImage(base, s.ogImage) : null,
  twitterTitle: s.twitterTitle,
  twitterDescription: s.twitterDescription,
  twitterImage: s.twitterImage ? apiImage(base, s.twitterImage) : null,
  canonicalUrl: s.canonicalUrl,
  noindex: s.noindex,
});

/** A story card, as the News Feed shows it. */
export interface ApiCard {
  id: number;
  url: string;
  headline: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  section: { name: string; url: string } | null;
  image: ApiImage | null;
  live: boolean;
}

export const apiCard = (base: string, c: StoryCardView): ApiCard => ({
  id: c.id,
  url: abs(base, c.url),
  headline: c.headline,
  excerpt: c.excerpt,
  publishedAt: isoTime(c.publishedAt),
  updatedAt: isoTime(c.updatedAt),
  section: c.section ? { name: c.section.name, url: abs(base, c.section.url) } : null,
  image: c.image ? apiImage(base, c.image, c.image.alt) : null,
  live: c.live,
});

/** A search hit: the card, its score, and headline/snippet as escaped HTML with hits in <mark>. */
export interface ApiSearchHit extends ApiCard {
  score: number;
  headlineHtml: string;
  snippetHtml: string;
}

export const apiSearchHit = (base: string, r: SearchResult): ApiSearchHit => ({
  ...apiCard(base, r.card),
  score: r.score,
  headlineHtml: segmentsHtml(r.headline),
  snippetHtml: segmentsHtml(r.snippet),
});
