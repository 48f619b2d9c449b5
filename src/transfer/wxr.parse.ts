import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SLUG_PATTERN, slugify } from '../stories/slug.js';
import { type ConvertHooks, autop, htmlText, htmlToBlocks } from './html.convert.js';
import { badSource } from './import.errors.js';
import { languageTag } from './import.language.js';
import {
  type SourceImage,
  type SourceSection,
  type SourceSite,
  type SourceStory,
  count,
  emptyReport,
  urlPath,
} from './source.model.js';

type Node = Record<string, unknown>;
const ARRAYS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'category', 'wp:postmeta']);

/** The text of an element whether the parser gave a string, a number or {#text, @_attr}. */
function t(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return t((v as Node)['#text']);
  return '';
}
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

/** WordPress dates: "2024-03-05 09:30:00" in UTC for the *_gmt fields; "0000-00-00 00:00:00" means none. */
function wpTime(gmt: string, local: string): number | null {
  for (const v of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(v.trim());
    if (m && m[1] !== '0000') return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  return null;
}

const STATUS: Record<string, SourceStory['status']> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'review',
};
const slugOf = (s: string, fallback: string) =>
  SLUG_PATTERN.test(s) && s.length <= 120 ? s : slugify(decodeURIComponent(s) || fallback);

/** A credit in an attachment's description: "Photo: Jane Roe" → "Jane Roe"; a long description is not a credit. */
function creditFrom(description: string): string {
  const text = htmlText(description).replace(/^(photo|photograph|credit|image|illustration)\s*(by)?\s*[:—-]?\s*/i, '');
  return text.length <= 300 ? text : '';
}

/**
 * Reads a WordPress WXR export (1.1/1.2) into a SourceSite: posts and pages (Gutenberg blocks or classic
 * HTML), categories as nested sections, tags, authors, attachments (caption, alt, credit) as the images
 * that posts show, featured images, statuses, dates, slugs and the old permalinks; each post's language and
 * translation group from a multilingual plugin's data (Polylang's `language` and `post_translations` terms on
 * the item; WPML's `_wpml_import_language_code` / `_wpml_import_translation_group` post meta, as WPML Export and
 * Import writes them, or `<wpml:language_code>` / `<wpml:trid>`), else the channel's `<language>`.
 */
export function parseWxr(xml: string): SourceSite {
  if (/^\s*[{[]/.test(xml))
    throw badSource(
      'WordPress export',
      'this file is JSON, not a WordPress WXR export (a Ghost export? use import ghost)',
    );
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw badSource(
      'WordPress export',
      `the XML is broken at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg} (the file may be truncated)`,
    );
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
    processEntities: true,
    htmlEntities: true,
  }).parse(xml) as Node;
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel)
    throw badSource('WordPress export', 'this is not a WordPress WXR file: expected <rss><channel>…</channel></rss>');
  if (!channel['wp:wxr_version'])
    throw badSource(
      'WordPress export',
      'this RSS file has no <wp:wxr_version>; export it from WordPress under Tools → Export',
    );
  const report = emptyReport('wordpress');
  const items = arr(channel.item);
  const language = (raw: string, where: string): string | null => {
    const tag = languageTag(raw);
    if (raw.trim() && !tag)
      count(report.adapted, where, `language "${raw.trim().slice(0, 40)}" is not a language code: ignored`);
    return tag;
  };
  const siteLanguage = language(t(channel.language), 'site');

  const authorsByLogin = new Map<string, string>();
  const authors = arr(channel['wp:author']).map((a, i) => {
    const login = t(a['wp:author_login']);
    if (!login) throw badSource('WordPress export', `<wp:author> number ${i + 1} has no <wp:author_login>`);
    const id = t(a['wp:author_id']) || login;
    authorsByLogin.set(login, id);
    const name =
      t(a['wp:author_display_name']) ||
      [t(a['wp:author_first_name']), t(a['wp:author_last_name'])].join(' ').trim() ||
      login;
    return {
      sourceId: id,
      slug: slugOf(login.toLowerCase(), name),
      name,
      bio: '',
      roleTitle: '',
      avatar: null,
      links: [],
      oldPaths: [`/author/${login}`],
    };
  });

  // Categories name their parent by nicename; resolve the chain for nested sections and /category/a/b/ paths.
  const cats = arr(channel['wp:category']).map((c) => ({
    id: t(c['wp:term_id']),
    nicename: t(c['wp:category_nicename']),
    parent: t(c['wp:category_parent']),
    name: htmlText(t(c['wp:cat_name'])),
    description: t(c['wp:category_description']),
  }));
  const catByNice = new Map(cats.map((c) => [c.nicename, c]));
  const catPath = (nice: string): string => {
    const chain: string[] = [];
    for (let c = catByNice.get(nice); c && chain.length < 20; c = c.parent ? catByNice.get(c.parent) : undefined)
      chain.unshift(c.nicename);
    return `/category/${chain.join('/')}`;
  };
  const sections: SourceSection[] = cats.map((c) => ({
    sourceId: c.id || c.nicename,
    slug: slugOf(c.nicename, c.name),
    name: c.name || c.nicename,
    description: htmlText(c.description),
    parentSourceId: c.parent && catByNice.has(c.parent) ? catByNice.get(c.parent)!.id || c.parent : null,
    oldPaths: [catPath(c.nicename)],
  }));
  const sectionByNice = new Map(cats.map((c) => [c.nicename, c.id || c.nicename]));
  const tagList = arr(channel['wp:tag']).map((g) => ({
    sourceId: t(g['wp:term_id']) || t(g['wp:tag_slug']),
    slug: slugOf(t(g['wp:tag_slug']), t(g['wp:tag_name'])),
    name: htmlText(t(g['wp:tag_name'])) || t(g['wp:tag_slug']),
    oldPaths: [`/tag/${t(g['wp:tag_slug'])}`],
  }));
  const tagByNice = new Map(
    arr(channel['wp:tag']).map((g) => [t(g['wp:tag_slug']), t(g['wp:term_id']) || t(g['wp:tag_slug'])]),
  );

  const meta = (item: Node, key: string) =>
    t(arr(item['wp:postmeta']).find((m) => t(m['wp:meta_key']) === key)?.['wp:meta_value']);
  const attachments = new Map<string, SourceImage>();
  for (const item of items) {
    if (t(item['wp:post_type']) !== 'attachment') continue;
    const url = t(item['wp:attachment_url']) || t(item.guid);
    if (!url) continue;
    attachments.set(t(item['wp:post_id']), {
      src: url,
      alt: meta(item, '_wp_attachment_image_alt'),
      caption: htmlText(t(item['excerpt:encoded'])),
      credit: creditFrom(t(item['content:encoded'])),
    });
    count(report.adapted, 'attachment', 'kept as the image of the posts that show it');
  }
  const hooks: ConvertHooks = {
    note: (what) => count(report.adapted, 'body', what),
    imageMeta: (attrs) => {
      const id = /\bwp-image-(\d+)\b/.exec(attrs.class ?? '')?.[1];
      const att = id ? attachments.get(id) : undefined;
      return att ? { src: att.src, alt: att.alt, caption: att.caption, credit: att.credit } : undefined;
    },
  };

  const stories: SourceStory[] = [];
  for (const item of items) {
    const type = t(item['wp:post_type']);
    if (type === 'attachment') continue;
    if (type !== 'post' && type !== 'page') {
      count(report.skipped, type || 'item', `post type "${type || 'none'}" is not content we import`);
      continue;
    }
    const status = STATUS[t(item['wp:status'])];
    if (!status) {
      count(
        report.skipped,
        type,
        `status "${t(item['wp:status'])}" is not imported (private, trash and auto-drafts stay behind)`,
      );
      continue;
    }
    const id = t(item['wp:post_id']);
    if (!id) throw badSource('WordPress export', `an <item> ("${t(item.title).slice(0, 60)}") has no <wp:post_id>`);
    const title = htmlText(t(item.title));
    const cats = arr(item.category);
    const sectionIds = cats
      .filter((c) => c['@_domain'] === 'category')
      .map((c) => sectionByNice.get(t(c['@_nicename'])))
      .filter((x): x is string => !!x);
    const tagIds = cats
      .filter((c) => c['@_domain'] === 'post_tag')
      .map((c) => tagByNice.get(t(c['@_nicename'])))
      .filter((x): x is string => !!x);
    const creator = authorsByLogin.get(t(item['dc:creator']));
    const link = urlPath(t(item.link));
    const updatedAt = wpTime(t(item['wp:post_modified_gmt']), t(item['wp:post_modified'])) ?? 0;
    const publishedAt = wpTime(t(item['wp:post_date_gmt']), t(item['wp:post_date']));
    const thumb = meta(item, '_thumbnail_id');
    const name = t(item['wp:post_name']);
    const term = (domain: string) => t(cats.find((c) => c['@_domain'] === domain)?.['@_nicename']);
    const wpmlLanguage = t(item['wpml:language_code']) || meta(item, '_wpml_import_language_code');
    const pll = term('post_translations');
    const wpml = t(item['wpml:trid']) || meta(item, '_wpml_import_translation_group');
    stories.push({
      sourceId: id,
      kind: type,
      slug: slugOf(name, title),
      headline: title.trim() || 'Untitled',
      excerpt: htmlText(t(item['excerpt:encoded'])),
      status,
      publishedAt: status === 'published' ? (publishedAt ?? updatedAt) : status === 'scheduled' ? publishedAt : null,
      updatedAt: updatedAt || publishedAt || 0,
      createdAt: publishedAt ?? updatedAt,
      blocks: htmlToBlocks(autop(t(item['content:encoded'])), hooks),
      hero: thumb ? (attachments.get(thumb) ?? null) : null,
      authorSourceIds: creator ? [creator] : [],
      tagSourceIds: [...new Set(tagIds)],
      sectionSourceId: sectionIds[0] ?? null,
      oldPaths: link && link !== '/' ? [link] : [],
      language: language(term('language') || wpmlLanguage, type) ?? siteLanguage,
      translationKey: pll ? `polylang:${pll}` : wpml ? `wpml:${wpml}` : null,
    });
  }
  return { source: 'wordpress', authors, sections, tags: tagList, stories, report };
}
