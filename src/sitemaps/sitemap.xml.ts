import { isoDate } from '../lib/iso-date.js';
import { el, wrap, xmlDocument } from '../lib/xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

/** One URL of a sitemap (sitemaps.org protocol); lastmod 0 means unknown and is left out. */
export interface SitemapEntry {
  loc: string;
  lastmod: number;
}

const lastmod = (ms: number) => (ms > 0 ? [el('lastmod', isoDate(ms))] : []);

/** A `<urlset>` (sitemaps.org 0.9). */
export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    wrap(
      'urlset',
      entries.map((e) => wrap('url', [el('loc', e.loc), ...lastmod(e.lastmod)])),
      { xmlns: SITEMAP_NS },
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

/** A Google News sitemap: the sitemaps.org urlset with one `<news:news>` per story. */
export function renderNewsSitemap(
  publication: { name: string; language: string },
  entries: readonly NewsEntry[],
): string {
  const pub = wrap('news:publication', [
    el('news:name', publication.name),
    el('news:language', newsLanguage(publication.language)),
  ]);
  const urls = entries.map((e) =>
    wrap('url', [
      el('loc', e.loc),
      wrap('news:news', [pub, el('news:publication_date', isoDate(e.published)), el('news:title', e.title)]),
    ]),
  );
  return xmlDocument(wrap('urlset', urls, { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS }));
}
