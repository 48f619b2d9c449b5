import type { Block } from '../document/document.schema.js';

/**
 * A site read from another platform, before it touches the database: every record keeps the id it had
 * there (for idempotent re-imports) and image/bookmark references stay URLs until the writer resolves them.
 */

/** An image by the URL the source used; the writer turns it into an image id or a pending-media row. */
export interface SourceImage {
  src: string;
  alt: string;
  caption: string;
  credit: string;
}

/** A body block before resolution: a document block, an image by URL, or a bookmark card by URL. */
export type DraftBlock =
  | Exclude<Block, { type: 'image' } | { type: 'embed' }>
  | ({ type: 'image-src' } & SourceImage)
  | { type: 'bookmark'; url: string; title: string };

export interface SourceAuthor {
  sourceId: string;
  slug: string;
  name: string;
  bio: string;
  roleTitle: string;
  avatar: SourceImage | null;
  links: { label: string; url: string }[];
  oldPaths: string[];
}

export interface SourceSection {
  sourceId: string;
  slug: string;
  name: string;
  description: string;
  parentSourceId: string | null;
  oldPaths: string[];
}

export interface SourceTag {
  sourceId: string;
  slug: string;
  name: string;
  /** Shown under the tag page's title (plain text). */
  description: string;
  oldPaths: string[];
}

/** A story's own search and social words (each empty or null: the default applies here too). */
export interface SourceSeo {
  metaTitle: string;
  metaDescription: string;
  ogTitle: string;
  ogDescription: string;
  ogImage: SourceImage | null;
  twitterTitle: string;
  twitterDescription: string;
  twitterImage: SourceImage | null;
  canonicalUrl: string;
  noindex: boolean;
}

export interface SourceStory {
  sourceId: string;
  /** post | page: a page becomes a story of kind 'page', never listed as news (reported separately). */
  kind: 'post' | 'page';
  slug: string;
  headline: string;
  /** The standfirst shown under the headline (Ghost's custom excerpt, WordPress's excerpt or subtitle). */
  dek: string;
  /** A summary the source keeps apart from the dek; empty: made from the body, as for any story. */
  excerpt: string;
  status: 'draft' | 'review' | 'scheduled' | 'published';
  publishedAt: number | null;
  updatedAt: number;
  createdAt: number;
  blocks: DraftBlock[];
  hero: SourceImage | null;
  authorSourceIds: string[];
  tagSourceIds: string[];
  sectionSourceId: string | null;
  oldPaths: string[];
  /**
   * The story's language as the source gives it (a BCP 47 tag such as "uk" or "en-US"; the writer places it in the
   * matching edition), or null when the source says nothing (the primary edition).
   */
  language: string | null;
  /** Stories of one key are translations of each other (a Polylang post_translations term, a WPML group); or null. */
  translationKey: string | null;
  seo: SourceSeo;
}

/** Counts per kind of record: imported, and skipped with the reason. */
export interface ImportReport {
  source: string;
  imported: Record<string, number>;
  /** kind → reason → count */
  skipped: Record<string, Record<string, number>>;
  /** Things kept in a changed form (kind → what happened → count), e.g. unknown HTML → text paragraphs. */
  adapted: Record<string, Record<string, number>>;
  pendingMedia: number;
  redirects: number;
  ms: number;
}

export interface SourceSite {
  source: 'ghost' | 'wordpress';
  authors: SourceAuthor[];
  sections: SourceSection[];
  tags: SourceTag[];
  stories: SourceStory[];
  report: ImportReport;
}

export function emptyReport(source: string): ImportReport {
  return { source, imported: {}, skipped: {}, adapted: {}, pendingMedia: 0, redirects: 0, ms: 0 };
}

/**
 * Counts a field the importer read and does not keep ("Skipped" in the report), when the source gave it a value:
 * `what` names the field as the source does and says why ("codeinjection_head: not imported (raw HTML)").
 */
export function notKept(report: ImportReport, kind: string, value: unknown, what: string): void {
  if (value === null || value === undefined || value === '' || value === false || value === 0) return;
  if (Array.isArray(value) && value.length === 0) return;
  count(report.skipped, kind, what);
}

/** Adds one to a nested counter (report.skipped / report.adapted). */
export function count(bucket: Record<string, Record<string, number>>, kind: string, reason: string, n = 1): void {
  bucket[kind] ??= {};
  const byReason = bucket[kind];
  byReason[reason] = (byReason[reason] ?? 0) + n;
}

/** The path of a URL or path, without host, query or trailing slash ("/" stays "/"); null for junk. */
export function urlPath(url: string): string | null {
  try {
    const u = new URL(url, 'http://source.invalid');
    const p = decodeURIComponent(u.pathname).replace(/\/+$/, '');
    return p || '/';
  } catch {
    return null;
  }
}
