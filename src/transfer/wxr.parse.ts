import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SLUG_PATTERN, slugify } from '../stories/slug.js';
import { type ConvertHooks, autop, htmlText, htmlToBlocks } from './html.convert.js';
import { badSource } from './import.errors.js';
import { languageTag } from './import.language.js';
import { CANONICAL_URL_MAX, SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, isWebUrl } from '../stories/story.input.js';
import { captionAndCredit, fitText } from './import.fields.js';
import { LocalOffsets, offsetLabel } from './import.times.js';
import {
  type ImportReport,
  type SourceAuthor,
  type SourceImage,
  type SourceSection,
  type SourceSite,
  type SourceStory,
  count,
  emptyReport,
  notKept,
  urlPath,
} from './source.model.js';

type Node = Record<string, unknown>;
const ARRAYS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'category', 'wp:postmeta', 'wp:comment']);

/** The text of an element whether the parser gave a string, a number or {#text, @_attr}. */
function t(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return t((v as Node)['#text']);
  return '';
}
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** A WordPress date ("2024-03-05 09:30:00") as if it were UTC wall-clock time; null for none ("0000-00-00 …"). */
function wallTime(v: string): number | null {
  const m = WP_DATE.exec(v.trim());
  return m && m[1] !== '0000' ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

const STATUS: Record<string, SourceStory['status']> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'review',
};
/** A source slug as ours: kept when it fits our pattern, else made from it (counted when a report is given). */
function slugOf(s: string, fallback: string, kind?: string, report?: ImportReport): string {
  if (SLUG_PATTERN.test(s) && s.length <= 120) return s;
  if (report && kind && s)
    count(report.adapted, kind, 'slug not in our form (lower-case letters, digits, hyphens): remade');
  let decoded = s;
  try {
    decoded = decodeURIComponent(s);
  } catch {
    /* a stray % stays as it is */
  }
  return slugify(decoded || fallback);
}

/** A credit in an attachment's description: "Photo: Jane Roe" → "Jane Roe"; a long description is not a credit. */
function creditFrom(description: string): string {
  const text = htmlText(description).replace(/^(photo|photograph|credit|image|illustration)\s*(by)?\s*[:—-]?\s*/i, '');
  return text.length <= 300 ? text : '';
}

/** Where a post's subtitle is kept by the plugins newsrooms use (Newspack, WP Subtitle): then it is the dek. */
const SUBTITLE_KEYS = ['newspack_post_subtitle', 'wps_subtitle'];

/**
 * Search and social fields of Yoast SEO and Rank Math, by our field: the first key with a value wins. Yoast's
 * images are URLs (with the attachment id beside them); Rank Math's too.
 */
const SEO_KEYS = {
  metaTitle: ['_yoast_wpseo_title', 'rank_math_title'],
  metaDescription: ['_yoast_wpseo_metadesc', 'rank_math_description'],
  ogTitle: ['_yoast_wpseo_opengraph-title', 'rank_math_facebook_title'],
  ogDescription: ['_yoast_wpseo_opengraph-description', 'rank_math_facebook_description'],
  twitterTitle: ['_yoast_wpseo_twitter-title', 'rank_math_twitter_title'],
  twitterDescription: ['_yoast_wpseo_twitter-description', 'rank_math_twitter_description'],
  canonicalUrl: ['_yoast_wpseo_canonical', 'rank_math_canonical_url'],
} as const;
const IMAGE_KEYS = {
  og: {
    url: ['_yoast_wpseo_opengraph-image', 'rank_math_facebook_image'],
    id: ['_yoast_wpseo_opengraph-image-id', 'rank_math_facebook_image_id'],
  },
  twitter: {
    url: ['_yoast_wpseo_twitter-image', 'rank_math_twitter_image'],
    id: ['_yoast_wpseo_twitter-image-id', 'rank_math_twitter_image_id'],
  },
} as const;
/** Keys read for another purpose (the section, noindex): not reported as left behind. */
const USED_KEYS = new Set<string>([
  ...Object.values(SEO_KEYS).flat(),
  ...Object.values(IMAGE_KEYS).flatMap((k) => [...k.url, ...k.id]),
  '_yoast_wpseo_primary_category',
  'rank_math_primary_category',
  '_yoast_wpseo_meta-robots-noindex',
  'rank_math_robots',
]);

/**
 * Yoast's `%%title%%` and Rank Math's `%title%` template variables, filled in as the plugin would for this post; any
 * other variable is dropped. The caller counts the change.
 */
function fillTemplate(text: string, vars: Record<string, string>): string {
  return text
    .replace(
      /%%([a-z_]+)%%|%([a-z_]+)%/gi,
      (_, a: string | undefined, b: string | undefined) => vars[(a ?? b)!.toLowerCase()] ?? '',
    )
    .replace(/\s+/g, ' ')
    .replace(/^[\s–|-]+|[\s–|-]+$/g, '')
    .trim();
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
  const siteName = htmlText(t(channel.title));
  const siteDescription = htmlText(t(channel.description));
  const metaOf = (item: Node): Map<string, string> => {
    const out = new Map<string, string>();
    for (const m of arr(item['wp:postmeta'])) {
      const key = t(m['wp:meta_key']);
      if (key && !out.has(key)) out.set(key, t(m['wp:meta_value']));
    }
    return out;
  };
  const metas = new Map(items.map((item) => [item, metaOf(item)]));

  // WordPress writes each date twice, in UTC (`*_gmt`) and in the site's zone; a draft has only the second. The
  // site's offset at each moment is learnt from the items that give both (so a daylight-saving change is followed).
  const offsets = new LocalOffsets();
  for (const item of items)
    for (const [gmt, local] of [
      ['wp:post_date_gmt', 'wp:post_date'],
      ['wp:post_modified_gmt', 'wp:post_modified'],
    ] as const) {
      const utc = wallTime(t(item[gmt]));
      const wall = wallTime(t(item[local]));
      if (utc !== null && wall !== null) offsets.add(wall, utc);
    }
  /** A date of an item: its UTC form, else its local one read in the site's zone (counted once per item). */
  const wpTime = (item: Node, gmt: string, local: string, kind: string, noted: Set<string>): number | null => {
    const utc = wallTime(t(item[gmt]));
    if (utc !== null) return utc;
    const wall = wallTime(t(item[local]));
    if (wall === null) return null;
    const offset = offsets.offsetAt(wall);
    const what =
      offset === null
        ? 'a date given only in the site’s own zone, which the export does not say: read as UTC'
        : `a date given only in the site’s own zone: read as ${offsetLabel(offset)}, the offset of the nearest item dated both ways`;
    if (!noted.has(what)) {
      noted.add(what);
      count(report.adapted, kind, what);
    }
    return wall - (offset ?? 0);
  };

  const authorsByLogin = new Map<string, string>();
  const authors: SourceAuthor[] = arr(channel['wp:author']).map((a, i) => {
    const login = t(a['wp:author_login']);
    if (!login) throw badSource('WordPress export', `<wp:author> number ${i + 1} has no <wp:author_login>`);
    const id = t(a['wp:author_id']) || login;
    authorsByLogin.set(login, id);
    const name =
      t(a['wp:author_display_name']) ||
      [t(a['wp:author_first_name']), t(a['wp:author_last_name'])].join(' ').trim() ||
      login;
    const url = t(a['wp:author_url']).trim();
    return {
      sourceId: id,
      slug: slugOf(login.toLowerCase(), name),
      name: fitText(report, 'author', 'display name', htmlText(name), 200),
      // WordPress's own export carries no biography; some exporters add <wp:author_description>.
      bio: htmlText(t(a['wp:author_description'])),
      roleTitle: '',
      avatar: null,
      links: url ? [{ label: 'Website', url }] : [],
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
    slug: slugOf(c.nicename, c.name, 'section', report),
    name: fitText(report, 'section', 'category name', c.name || c.nicename, 200),
    description: htmlText(c.description),
    parentSourceId: c.parent && catByNice.has(c.parent) ? catByNice.get(c.parent)!.id || c.parent : null,
    oldPaths: [catPath(c.nicename)],
  }));
  const sectionByNice = new Map(cats.map((c) => [c.nicename, c.id || c.nicename]));
  const sectionIdOf = new Set(sections.map((x) => x.sourceId));
  const sectionName = new Map(sections.map((x) => [x.sourceId, x.name]));
  const tagList = arr(channel['wp:tag']).map((g) => ({
    sourceId: t(g['wp:term_id']) || t(g['wp:tag_slug']),
    slug: slugOf(t(g['wp:tag_slug']), t(g['wp:tag_name']), 'tag', report),
    name: fitText(report, 'tag', 'name', htmlText(t(g['wp:tag_name'])) || t(g['wp:tag_slug']), 200),
    description: htmlText(t(g['wp:tag_description'])),
    oldPaths: [`/tag/${t(g['wp:tag_slug'])}`],
  }));
  const tagByNice = new Map(
    arr(channel['wp:tag']).map((g) => [t(g['wp:tag_slug']), t(g['wp:term_id']) || t(g['wp:tag_slug'])]),
  );

  const attachments = new Map<string, SourceImage>();
  for (const item of items) {
    if (t(item['wp:post_type']) !== 'attachment') continue;
    const url = t(item['wp:attachment_url']) || t(item.guid);
    if (!url) continue;
    const caption = captionAndCredit(
      report,
      'attachment',
      'caption',
      t(item['excerpt:encoded']),
      creditFrom(t(item['content:encoded'])),
    );
    attachments.set(t(item['wp:post_id']), {
      src: url,
      alt: metas.get(item)!.get('_wp_attachment_image_alt') ?? '',
      caption: caption.caption,
      credit: caption.credit,
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

  // Co-Authors Plus keeps guest authors (bylines without an account, with a biography) as items of their own, and a
  // post's bylines, in order, as its `author` terms (cap-<login>).
  for (const item of items) {
    if (t(item['wp:post_type']) !== 'guest-author') continue;
    const m = metas.get(item)!;
    const login = m.get('cap-user_login') || t(item['wp:post_name']).replace(/^cap-/, '');
    if (!login) continue;
    const name = htmlText(m.get('cap-display_name') || t(item.title) || login);
    const website = (m.get('cap-website') ?? '').trim();
    const thumb = m.get('_thumbnail_id');
    const id = `guest:${t(item['wp:post_id']) || login}`;
    if (!authorsByLogin.has(login)) {
      authorsByLogin.set(login, id);
      authors.push({
        sourceId: id,
        slug: slugOf(login.toLowerCase(), name),
        name: fitText(report, 'author', 'display name', name, 200),
        bio: htmlText(m.get('cap-description') ?? ''),
        roleTitle: '',
        avatar: thumb ? (attachments.get(thumb) ?? null) : null,
        links: website ? [{ label: 'Website', url: website }] : [],
        oldPaths: [`/author/${login}`],
      });
    }
    notKept(report, 'author', m.get('cap-user_email'), 'email: not kept (a byline is not an account)');
  }

  const stories: SourceStory[] = [];
  for (const item of items) {
    const type = t(item['wp:post_type']);
    if (type === 'attachment' || type === 'guest-author') continue;
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
    const meta = metas.get(item)!;
    const title = htmlText(t(item.title)).trim();
    const cats = arr(item.category);
    const termIds = (domain: string, map: Map<string, string>) =>
      cats
        .filter((c) => c['@_domain'] === domain)
        .map((c) => map.get(t(c['@_nicename'])))
        .filter((x): x is string => !!x);
    const sectionIds = termIds('category', sectionByNice);
    const tagIds = termIds('post_tag', tagByNice);
    // The primary category Yoast or Rank Math marks wins as the section (WordPress lists categories by name).
    const primaryCat = meta.get('_yoast_wpseo_primary_category') || meta.get('rank_math_primary_category');
    const primary =
      primaryCat && sectionIdOf.has(primaryCat) && sectionIds.includes(primaryCat) ? primaryCat : sectionIds[0];
    const coAuthors = cats
      .filter((c) => c['@_domain'] === 'author')
      .map((c) => authorsByLogin.get(t(c['@_nicename']).replace(/^cap-/, '')))
      .filter((x): x is string => !!x);
    const creator = authorsByLogin.get(t(item['dc:creator']));
    const link = urlPath(t(item.link));
    const noted = new Set<string>();
    const updatedAt = wpTime(item, 'wp:post_modified_gmt', 'wp:post_modified', type, noted) ?? 0;
    const publishedAt = wpTime(item, 'wp:post_date_gmt', 'wp:post_date', type, noted);
    const thumb = meta.get('_thumbnail_id');
    const name = t(item['wp:post_name']);
    const term = (domain: string) => t(cats.find((c) => c['@_domain'] === domain)?.['@_nicename']);
    const wpmlLanguage = t(item['wpml:language_code']) || (meta.get('_wpml_import_language_code') ?? '');
    const pll = term('post_translations');
    const wpml = t(item['wpml:trid']) || (meta.get('_wpml_import_translation_group') ?? '');

    // The dek: a subtitle plugin's field when there is one (then the excerpt is the excerpt), else the excerpt.
    const excerpt = htmlText(t(item['excerpt:encoded'])).trim();
    const subtitleKey = SUBTITLE_KEYS.find((k) => meta.get(k)?.trim());
    const subtitle = subtitleKey ? htmlText(meta.get(subtitleKey)!).trim() : '';
    if (subtitle) count(report.adapted, type, `${subtitleKey} → dek (the standfirst under the headline)`);
    else if (excerpt)
      count(
        report.adapted,
        type,
        'excerpt → dek (the standfirst under the headline; the excerpt is made from the body)',
      );
    const dek = fitText(report, type, subtitle ? subtitleKey! : 'excerpt', subtitle || excerpt, 600);

    const vars: Record<string, string> = {
      title: title || 'Untitled',
      sitename: siteName,
      sitedesc: siteDescription,
      sep: '–',
      excerpt: dek,
      excerpt_only: excerpt,
      category: primary ? (sectionName.get(primary) ?? '') : '',
      primary_category: primary ? (sectionName.get(primary) ?? '') : '',
      page: '',
    };
    const seoText = (field: keyof typeof SEO_KEYS, max: number) => {
      const key = SEO_KEYS[field].find((k) => meta.get(k)?.trim());
      if (!key) return '';
      let v = meta.get(key)!.trim();
      if (/%%?[a-z_]+%%?/i.test(v)) {
        v = fillTemplate(v, vars);
        count(report.adapted, type, `${key}: template variables filled in (%%title%%, %sitename%…)`);
      }
      return fitText(report, type, key, htmlText(v), max);
    };
    const seoImage = (which: keyof typeof IMAGE_KEYS): SourceImage | null => {
      const keys = IMAGE_KEYS[which];
      const attId = keys.id.map((k) => meta.get(k)).find(Boolean);
      if (attId && attachments.has(attId)) return attachments.get(attId)!;
      const url = keys.url.map((k) => meta.get(k)?.trim()).find(Boolean);
      return url ? { src: url, alt: '', caption: '', credit: '' } : null;
    };
    const canonical = seoText('canonicalUrl', CANONICAL_URL_MAX);
    if (canonical && !isWebUrl(canonical))
      count(report.skipped, type, 'canonical URL that is not a full web address: the story’s own address is canonical');
    const noindex =
      meta.get('_yoast_wpseo_meta-robots-noindex') === '1' || /"noindex"/.test(meta.get('rank_math_robots') ?? '');
    for (const key of meta.keys())
      if (
        (key.startsWith('_yoast_wpseo_') || key.startsWith('rank_math_')) &&
        !USED_KEYS.has(key) &&
        meta.get(key)?.trim()
      )
        count(report.skipped, type, `${key}: not kept (Broadsheet keeps the search and social fields only)`);
    notKept(
      report,
      type,
      t(item['wp:post_password']),
      'password-protected: imported as public (the password is not kept)',
    );
    notKept(
      report,
      type,
      t(item['wp:is_sticky']) === '1',
      'sticky: not kept (no featured slot here; imported as any other)',
    );
    notKept(
      report,
      type,
      type === 'page' && t(item['wp:post_parent']) !== '0' && t(item['wp:post_parent']),
      'parent page: not kept (pages have no hierarchy yet)',
    );
    notKept(
      report,
      type,
      meta.get('_wp_page_template') && meta.get('_wp_page_template') !== 'default',
      '_wp_page_template: not kept (one template here)',
    );
    const comments = arr(item['wp:comment']).length;
    if (comments)
      count(report.skipped, 'comment', 'not imported (readers’ comments come with the readers issue)', comments);
    if (!title) count(report.adapted, type, 'no title: imported as "Untitled"');
    if (status === 'published' && publishedAt === null)
      count(report.adapted, type, 'published without a date: its modified date stands in');

    stories.push({
      sourceId: id,
      kind: type,
      slug: slugOf(name, title, type, report),
      headline: fitText(report, type, 'title', title || 'Untitled', 300),
      dek,
      excerpt: subtitle ? fitText(report, type, 'excerpt', excerpt, 1000) : '',
      status,
      publishedAt: status === 'published' ? (publishedAt ?? updatedAt) : status === 'scheduled' ? publishedAt : null,
      updatedAt: updatedAt || publishedAt || 0,
      createdAt: publishedAt ?? updatedAt,
      blocks: htmlToBlocks(autop(t(item['content:encoded'])), hooks),
      hero: thumb ? (attachments.get(thumb) ?? null) : null,
      authorSourceIds: coAuthors.length ? [...new Set(coAuthors)] : creator ? [creator] : [],
      tagSourceIds: [...new Set(tagIds)],
      sectionSourceId: type === 'post' ? (primary ?? null) : null,
      oldPaths: link && link !== '/' ? [link] : [],
      language: language(term('language') || wpmlLanguage, type) ?? siteLanguage,
      translationKey: pll ? `polylang:${pll}` : wpml ? `wpml:${wpml}` : null,
      seo: {
        metaTitle: seoText('metaTitle', SEO_TITLE_MAX),
        metaDescription: seoText('metaDescription', SEO_DESCRIPTION_MAX),
        ogTitle: seoText('ogTitle', SEO_TITLE_MAX),
        ogDescription: seoText('ogDescription', SEO_DESCRIPTION_MAX),
        ogImage: seoImage('og'),
        twitterTitle: seoText('twitterTitle', SEO_TITLE_MAX),
        twitterDescription: seoText('twitterDescription', SEO_DESCRIPTION_MAX),
        twitterImage: seoImage('twitter'),
        canonicalUrl: canonical && isWebUrl(canonical) ? canonical : '',
        noindex,
      },
    });
  }
  return { source: 'wordpress', authors, sections, tags: tagList, stories, report };
}
