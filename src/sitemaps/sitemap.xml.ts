import { isoDate } from '../lib/iso-date.js';
import { el, wrap, xmlDocument } from '../lib/xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** One URL of a sitemap (sitemaps.org protocol); lastmod 0 means unknown and is left out. */
export interface SitemapEntry {
  loc: string;
  lastmod: number;
  /**
   * The page in every language it has, itself and x-default included (editions/edition.ts `hreflangLinks`):
   * Google's `xhtml:link rel="alternate" hreflang` form. Absent or empty for a page with no counterpart.
   */
  alternates?: readonly { hreflang: string; href: string }[];
}

const lastmod = (ms: number) => (ms > 0 ? [el('lastmod', isoDate(ms))] : []);
const alternates = (e: SitemapEntry) =>
  (e.alternates ?? []).map((a) =>
    el('xhtml:link', undefined, { rel: 'alternate', hreflang: a.hreflang, href: a.href }),
  );

/** A `<urlset>` (sitemaps.org 0.9), with hreflang alternates in the XHTML namespace. */
export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    wrap(
      'urlset',
      entries.map((e) => wrap('url', [el('loc', e.loc), ...lastmod(e.lastmod), ...alternates(e)])),
      { xmlns: SITEMAP_NS, 'xmlns:xhtml': XHTML_NS },
    ),
  );
}

/** A `<sitemapindex>` listing sitemap files. */
export function renderSitemapIndex(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    wrap(
      'sitemapindex',
      entries.map((e) => wrap('sitemap', [el('loc', e.loc), ...lastmod(e.lastmod)])),
      { xmlns: SITEMAP_NS },
    ),
  );
}

export interface NewsEntry {
  loc: string;
  title: string;
  published: number;
  /** The story's own language (stories.language). */
  language: string;
  /** The publication's name in that language (the newsroom's name in the story's edition). */
  publication: string;
}

/**
 * Google News wants an ISO 639 code (two or three letters), with zh-cn and zh-tw as the only regional forms;
 * a setting such as "en-GB" or "uk_UA" is reduced to its language.
 */
export function newsLanguage(language: string): string {
  const l = language.trim().toLowerCase().replace('_', '-');
  if (l === 'zh-cn' || l === 'zh-tw') return l;
  const primary = /^[a-z]{2,3}/.exec(l)?.[0];
  return primary ?? 'en';
}

/**
 * A Google News sitemap: the sitemaps.org urlset with one `<news:news>` per story, each with the publication's
 * name in the story's edition and the story's own language (Google News takes one publication per name and language).
 */
export function renderNewsSitemap(entries: readonly NewsEntry[]): string {
  const pub = (e: NewsEntry) =>
    wrap('news:publication', [el('news:name', e.publication), el('news:language', newsLanguage(e.language))]);
  const urls = entries.map((e) =>
    wrap('url', [
      el('loc', e.loc),
      wrap('news:news', [pub(e), el('news:publication_date', isoDate(e.published)), el('news:title', e.title)]),
    ]),
  );
  return xmlDocument(wrap('urlset', urls, { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS }));
}
