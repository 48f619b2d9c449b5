import { z } from 'zod';
import { SLUG_PATTERN, slugify } from '../stories/slug.js';
import { lexicalToBlocks, mobiledocToBlocks } from './ghost.body.js';
import { type ConvertHooks, htmlText, htmlToBlocks } from './html.convert.js';
import { badSource, describeIssues } from './import.errors.js';
import { isKnownLanguage, languageTag } from './import.language.js';
import { CANONICAL_URL_MAX, SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, isWebUrl } from '../stories/story.input.js';
import { captionAndCredit, fitText, profileLinks } from './import.fields.js';
import { readSourceTime } from './import.times.js';
import {
  type DraftBlock,
  type ImportReport,
  type SourceImage,
  type SourceSite,
  type SourceStory,
  count,
  emptyReport,
  notKept,
} from './source.model.js';

const Id = z.union([z.string(), z.number()]).transform(String);
const Time = z.union([z.string(), z.number()]).nullish();
const Text = z.string().nullish();

const Flag = z.union([z.boolean(), z.number()]).nullish();

/** The search and social fields: on posts_meta since Ghost 4, on the post itself before. */
const SEO_FIELDS = {
  meta_title: Text,
  meta_description: Text,
  og_image: Text,
  og_title: Text,
  og_description: Text,
  twitter_image: Text,
  twitter_title: Text,
  twitter_description: Text,
  email_subject: Text,
  feature_image_alt: Text,
  feature_image_caption: Text,
};

const PostSchema = z.looseObject({
  id: Id,
  title: Text,
  slug: z.string(),
  type: z.string().nullish(),
  page: Flag,
  status: z.string(),
  visibility: Text,
  html: Text,
  lexical: Text,
  mobiledoc: Text,
  feature_image: Text,
  custom_excerpt: Text,
  canonical_url: Text,
  codeinjection_head: Text,
  codeinjection_foot: Text,
  custom_template: Text,
  featured: Flag,
  show_title_and_feature_image: Flag,
  newsletter_id: Text,
  published_at: Time,
  updated_at: Time,
  created_at: Time,
  author_id: Id.nullish(),
  ...SEO_FIELDS,
});

const UserSchema = z.looseObject({
  id: Id,
  name: z.string(),
  slug: z.string(),
  bio: Text,
  profile_image: Text,
  cover_image: Text,
  website: Text,
  location: Text,
  facebook: Text,
  twitter: Text,
  threads: Text,
  bluesky: Text,
  mastodon: Text,
  tiktok: Text,
  youtube: Text,
  instagram: Text,
  linkedin: Text,
  meta_title: Text,
  meta_description: Text,
});

const TagSchema = z.looseObject({
  id: Id,
  name: z.string(),
  slug: z.string(),
  description: Text,
  visibility: Text,
  feature_image: Text,
  meta_title: Text,
  meta_description: Text,
  og_image: Text,
  og_title: Text,
  og_description: Text,
  twitter_image: Text,
  twitter_title: Text,
  twitter_description: Text,
  codeinjection_head: Text,
  codeinjection_foot: Text,
  canonical_url: Text,
  accent_color: Text,
});

const GhostData = z.looseObject({
  posts: z.array(PostSchema),
  tags: z.array(TagSchema).default([]),
  posts_tags: z.array(z.looseObject({ post_id: Id, tag_id: Id, sort_order: z.number().nullish() })).default([]),
  users: z.array(UserSchema).default([]),
  posts_authors: z.array(z.looseObject({ post_id: Id, author_id: Id, sort_order: z.number().nullish() })).default([]),
  roles: z.array(z.looseObject({ id: Id, name: z.string() })).default([]),
  roles_users: z.array(z.looseObject({ role_id: Id, user_id: Id })).default([]),
  posts_meta: z.array(z.looseObject({ post_id: Id, email_only: Flag, ...SEO_FIELDS })).default([]),
  settings: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).default([]),
});

/**
 * The language an internal tag marks, by the `#tag` convention: "#lang-uk" (also "#lang:uk", "#lang_uk") or a
 * bare "#uk" / "#uk-UA" when it names a language; null for any other internal tag ("#featured", "#ad").
 */
function languageOfTag(name: string): string | null {
  const m = /^#(lang[-_:])?([a-z]{2,3}(?:[-_][a-z0-9]{2,8})?)$/i.exec(name.trim());
  if (!m) return null;
  const tag = languageTag(m[2]);
  return tag && (m[1] || isKnownLanguage(tag)) ? tag : null;
}

const STATUS: Record<string, SourceStory['status']> = {
  published: 'published',
  draft: 'draft',
  scheduled: 'scheduled',
};

/** Ghost writes its own address as __GHOST_URL__ in exports; any placeholder host will do for paths. */
const ghostUrl = (url: string) => url.replace(/^__GHOST_URL__/, 'https://ghost.invalid');
/** A source slug as ours: kept when it fits our pattern, else made from it (counted when a report is given). */
function slugOf(s: string, fallback: string, kind?: string, report?: ImportReport): string {
  if (SLUG_PATTERN.test(s) && s.length <= 120) return s;
  if (report && kind) count(report.adapted, kind, 'slug not in our form (lower-case letters, digits, hyphens): remade');
  return slugify(s || fallback);
}

/**
 * Reads a Ghost JSON export (versions 4–6) into a SourceSite: posts and pages with their Lexical, Mobiledoc or
 * HTML bodies, tags (the first public one of a post becomes its section), users as authors with roles,
 * co-authors in order, feature images and the old permalinks (/slug/, /tag/slug/, /author/slug/).
 */
export function parseGhostExport(text: string): SourceSite {
  if (text.trimStart().startsWith('<'))
    throw badSource(
      'Ghost export',
      'this file is XML, not a Ghost JSON export (a WordPress export? use import wordpress)',
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw badSource('Ghost export', `the file is not valid JSON (${(e as Error).message}); it may be truncated`);
  }
  if (!raw || typeof raw !== 'object' || (!('db' in raw) && !('data' in raw)))
    throw badSource('Ghost export', 'this is not a Ghost export: expected {"db":[{"meta":…,"data":{"posts":[…]}}]}');
  // Ghost's admin writes {"db":[{meta, data}]}; the Admin API and older tools write {meta, data}.
  const obj = raw as Record<string, unknown>;
  const wrapped = 'db' in obj;
  const inner = wrapped
    ? Array.isArray(obj.db)
      ? (obj.db[0] as Record<string, unknown> | undefined)
      : undefined
    : obj;
  if (!inner || typeof inner !== 'object' || !inner.data || typeof inner.data !== 'object')
    throw badSource('Ghost export', `${wrapped ? 'db[0].data' : 'data'} is missing`);
  const parsed = GhostData.safeParse(inner.data);
  if (!parsed.success) throw badSource('Ghost export', describeIssues(parsed.error, wrapped ? 'db[0].data' : 'data'));
  const data = parsed.data;
  const report = emptyReport('ghost');

  // The site's language: `locale` since Ghost 5, `lang` before. A post's language tag says otherwise for that post.
  const setting =
    data.settings.find((s) => s.key === 'locale' && s.value) ?? data.settings.find((s) => s.key === 'lang');
  const siteValue = typeof setting?.value === 'string' ? setting.value.trim() : '';
  const siteLanguage = languageTag(siteValue);
  if (siteValue && !siteLanguage)
    count(report.adapted, 'site', `language setting "${siteValue.slice(0, 40)}" is not a language code: ignored`);
  reportSiteSettings(report, data.settings);
  reportOtherRecords(report, inner.data as Record<string, unknown>);

  /** Ghost stores every time in UTC and exports it without a zone ("2024-03-18 00:00:00") or with "Z". */
  let zoneless = false;
  const time = (v: string | number | null | undefined, kind: string): number | null => {
    const t = readSourceTime(v, 0);
    if (!t && v !== null && v !== undefined && v !== '')
      count(report.adapted, kind, `unreadable time "${String(v).slice(0, 40)}": left out`);
    if (t?.zoneless) zoneless = true;
    return t?.ms ?? null;
  };

  const roleName = new Map(data.roles.map((r) => [r.id, r.name]));
  const userRole = new Map(data.roles_users.map((ru) => [ru.user_id, roleName.get(ru.role_id) ?? '']));
  const meta = new Map(data.posts_meta.map((m) => [m.post_id, m]));
  const image = (src: string | null | undefined, alt = '', caption = '', credit = ''): SourceImage | null =>
    src ? { src: ghostUrl(src), alt, caption, credit } : null;

  const authors = data.users.map((u) => {
    notKept(report, 'author', u.location, 'location: not kept (an author profile has no place for it)');
    notKept(report, 'author', u.cover_image, 'cover_image: not kept (author pages show no cover)');
    notKept(report, 'author', u.meta_title, 'meta_title: not kept (author pages take the name)');
    notKept(report, 'author', u.meta_description, 'meta_description: not kept (author pages take the bio)');
    return {
      sourceId: u.id,
      slug: slugOf(u.slug, u.name, 'author', report),
      name: fitText(report, 'author', 'name', u.name, 200),
      bio: u.bio ?? '',
      roleTitle: userRole.get(u.id) ?? '',
      avatar: image(u.profile_image, u.name),
      links: profileLinks(report, u as Record<string, string | null | undefined>),
      oldPaths: [`/author/${u.slug}`],
    };
  });

  const publicTag = new Set<string>();
  const tags = data.tags.flatMap((t) => {
    if (t.visibility === 'internal' || t.name.startsWith('#')) {
      count(report.skipped, 'tag', 'internal tag (#name)');
      return [];
    }
    publicTag.add(t.id);
    notKept(report, 'tag', t.feature_image, 'feature_image: not kept (tag and section pages show no image)');
    for (const field of TAG_SEO_FIELDS)
      notKept(report, 'tag', t[field], `${field}: not kept (tag pages take their name and description)`);
    notKept(report, 'tag', t.codeinjection_head || t.codeinjection_foot, 'codeinjection_*: not imported (raw HTML)');
    notKept(report, 'tag', t.accent_color, 'accent_color: not kept (one colour scheme here)');
    const description = t.description ? htmlText(t.description) : '';
    return [
      {
        sourceId: t.id,
        slug: slugOf(t.slug, t.name, 'tag', report),
        name: fitText(report, 'tag', 'name', t.name, 200),
        description,
        oldPaths: [`/tag/${t.slug}`],
      },
    ];
  });
  const tagById = new Map(data.tags.map((t) => [t.id, t]));

  const byOrder = <T extends { sort_order?: number | null }>(a: T, b: T) => (a.sort_order ?? 0) - (b.sort_order ?? 0);
  const postTags = groupBy(data.posts_tags.slice().sort(byOrder), (r) => r.post_id);
  const postAuthors = groupBy(data.posts_authors.slice().sort(byOrder), (r) => r.post_id);

  const sectionIds = new Set<string>();
  const stories: SourceStory[] = [];
  for (const p of data.posts) {
    const kind = p.type === 'page' || p.page === true || p.page === 1 ? 'page' : 'post';
    const status = STATUS[p.status];
    if (!status) {
      count(
        report.skipped,
        kind,
        `status "${p.status}" has no counterpart (only published, draft and scheduled are imported)`,
      );
      continue;
    }
    const hooks: ConvertHooks = { note: (what) => count(report.adapted, 'body', what) };
    const blocks = convertBody(p, hooks).map((b) =>
      b.type === 'image-src'
        ? { ...b, src: ghostUrl(b.src) }
        : b.type === 'bookmark'
          ? { ...b, url: ghostUrl(b.url) }
          : b,
    );
    if (p.visibility && p.visibility !== 'public')
      count(report.adapted, kind, `${p.visibility}-only ${kind} imported as public`);
    const tagIds = (postTags.get(p.id) ?? []).map((r) => r.tag_id).filter((id) => publicTag.has(id));
    const languages = [
      ...new Set(
        (postTags.get(p.id) ?? []).flatMap((r) => {
          const tag = tagById.get(r.tag_id);
          const language = tag ? languageOfTag(tag.name) : null;
          return language ? [language] : [];
        }),
      ),
    ];
    if (languages.length > 1) count(report.adapted, kind, 'several language tags: the first one is kept');
    // A post's first public tag is its section; a page's tags never make a section (a page is not news).
    const primary = tagIds[0] ?? null;
    if (primary && kind === 'post') sectionIds.add(primary);
    const authorIds = (postAuthors.get(p.id) ?? []).map((r) => r.author_id);
    if (authorIds.length === 0 && p.author_id) authorIds.push(p.author_id);
    // posts_meta (Ghost 4+) holds what the post row held before; either may be there.
    const m = meta.get(p.id);
    const field = (k: keyof typeof SEO_FIELDS): string => (m?.[k] ?? p[k] ?? '').trim();
    zoneless = false;
    const updatedAt = time(p.updated_at, kind) ?? time(p.created_at, kind) ?? 0;
    const publishedAt = time(p.published_at, kind);
    if (status === 'published' && publishedAt === null)
      count(report.adapted, kind, 'published without a publish time: its updated time stands in');
    const createdAt = time(p.created_at, kind) ?? updatedAt;
    if (zoneless) count(report.adapted, kind, 'times written without a zone: read as UTC, as Ghost stores them');
    const hero = captionAndCredit(report, kind, 'feature_image_caption', field('feature_image_caption'));
    if (!p.feature_image)
      notKept(report, kind, hero.caption || hero.credit, 'feature_image_caption without a feature image: not kept');
    notKept(report, kind, p.codeinjection_head, 'codeinjection_head: not imported (raw HTML and scripts)');
    notKept(report, kind, p.codeinjection_foot, 'codeinjection_foot: not imported (raw HTML and scripts)');
    notKept(report, kind, p.custom_template, 'custom_template: not kept (every story has the one template)');
    notKept(report, kind, p.featured, 'featured: not kept (no featured slot here; imported as any other)');
    notKept(
      report,
      kind,
      p.show_title_and_feature_image === false || p.show_title_and_feature_image === 0,
      'show_title_and_feature_image off: not kept (the headline and hero are shown)',
    );
    notKept(
      report,
      kind,
      p.newsletter_id || field('email_subject') || m?.email_only,
      'sent as a newsletter: the email is not imported (newsletters are the readers issue)',
    );
    const headline = (p.title ?? '').trim();
    if (!headline) count(report.adapted, kind, 'no title: imported as "Untitled"');
    if (p.custom_excerpt?.trim())
      count(
        report.adapted,
        kind,
        'custom_excerpt → dek (the standfirst under the headline; the excerpt is made from the body)',
      );
    stories.push({
      sourceId: p.id,
      kind,
      slug: slugOf(p.slug, p.title ?? '', kind, report),
      headline: fitText(report, kind, 'title', headline || 'Untitled', 300),
      dek: fitText(report, kind, 'custom_excerpt', p.custom_excerpt ?? '', 600),
      excerpt: '',
      status,
      publishedAt: status === 'published' ? (publishedAt ?? updatedAt) : publishedAt,
      updatedAt,
      createdAt,
      blocks,
      hero: image(p.feature_image, field('feature_image_alt'), hero.caption, hero.credit),
      authorSourceIds: [...new Set(authorIds)],
      tagSourceIds: [...new Set(tagIds)],
      sectionSourceId: kind === 'post' ? primary : null,
      oldPaths: [`/${p.slug}`],
      language: languages[0] ?? siteLanguage,
      translationKey: null,
      seo: {
        metaTitle: fitText(report, kind, 'meta_title', field('meta_title'), SEO_TITLE_MAX),
        metaDescription: fitText(report, kind, 'meta_description', field('meta_description'), SEO_DESCRIPTION_MAX),
        ogTitle: fitText(report, kind, 'og_title', field('og_title'), SEO_TITLE_MAX),
        ogDescription: fitText(report, kind, 'og_description', field('og_description'), SEO_DESCRIPTION_MAX),
        ogImage: image(field('og_image')),
        twitterTitle: fitText(report, kind, 'twitter_title', field('twitter_title'), SEO_TITLE_MAX),
        twitterDescription: fitText(
          report,
          kind,
          'twitter_description',
          field('twitter_description'),
          SEO_DESCRIPTION_MAX,
        ),
        twitterImage: image(field('twitter_image')),
        canonicalUrl: canonicalOf(report, kind, p.canonical_url ?? ''),
        noindex: false,
      },
    });
  }
  const sections = [...sectionIds].map((id) => {
    const t = tagById.get(id)!;
    return {
      sourceId: id,
      slug: slugOf(t.slug, t.name),
      name: t.name.slice(0, 200),
      description: t.description ? htmlText(t.description) : '',
      parentSourceId: null,
      oldPaths: [],
    };
  });
  return { source: 'ghost', authors, sections, tags, stories, report };
}

const TAG_SEO_FIELDS = [
  'meta_title',
  'meta_description',
  'og_image',
  'og_title',
  'og_description',
  'twitter_image',
  'twitter_title',
  'twitter_description',
  'canonical_url',
] as const;

/**
 * A canonical URL override: kept when it is a full web address elsewhere; one into the old site itself
 * (`__GHOST_URL__/…`, a bare path) would point at an address that now redirects here, so the story's own is kept.
 */
function canonicalOf(report: ImportReport, kind: string, url: string): string {
  const v = url.trim();
  if (!v) return '';
  if (isWebUrl(v) && v.length <= CANONICAL_URL_MAX) return v;
  count(
    report.skipped,
    kind,
    'canonical_url into the old site (or not a web address): the story’s own address is canonical',
  );
  return '';
}

/** Settings of the site that have no place here (the newsroom's own are kept), each reported when it has a value. */
const SITE_SETTINGS: Record<string, string> = {
  title: 'the site title is not imported: the newsroom keeps its name (desk settings)',
  description: 'the site description is not imported: the newsroom keeps its own (desk settings)',
  timezone: 'not imported: times are shown in the TIME_ZONE this server is configured with',
  logo: 'not imported: the newsroom keeps its logo',
  icon: 'not imported: the newsroom keeps its icon',
  cover_image: 'not imported (no site cover here)',
  accent_color: 'not imported (one colour scheme here)',
  codeinjection_head: 'not imported (raw HTML and scripts)',
  codeinjection_foot: 'not imported (raw HTML and scripts)',
  meta_title: 'not imported: the home page takes the newsroom’s name',
  meta_description: 'not imported: the home page takes the newsroom’s description',
  og_title: 'not imported',
  og_description: 'not imported',
  og_image: 'not imported',
  twitter_title: 'not imported',
  twitter_description: 'not imported',
  twitter_image: 'not imported',
  facebook: 'not imported (the newsroom’s social profiles are not modelled yet)',
  twitter: 'not imported (the newsroom’s social profiles are not modelled yet)',
};

/** The site's settings an import does not keep, and its menus, listed with their links so an editor can rebuild them. */
function reportSiteSettings(report: ImportReport, settings: readonly { key: string; value: unknown }[]): void {
  for (const { key, value } of settings) {
    if (key === 'navigation' || key === 'secondary_navigation') {
      const links = menuLinks(value);
      if (links.length)
        count(
          report.skipped,
          'site',
          `${key} (${links.length} ${links.length === 1 ? 'link' : 'links'}: ${links.join(', ').slice(0, 300)}): not ` +
            `imported — the menu is the newsroom’s sections until menus come with static pages`,
        );
      continue;
    }
    const why = SITE_SETTINGS[key];
    if (why && typeof value === 'string' && value.trim() && value !== 'null')
      count(report.skipped, 'site', `${key}: ${why}`);
  }
}

/** A Ghost menu setting (JSON text of [{label, url}]) as "Label (url)" strings; junk gives none. */
function menuLinks(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((l) =>
    l && typeof l === 'object' && typeof (l as { label?: unknown }).label === 'string'
      ? [
          `${(l as { label: string }).label} ${String((l as { url?: unknown }).url ?? '').replace(/^__GHOST_URL__/, '')}`.trim(),
        ]
      : [],
  );
}

/** Records of an export that belong to other parts of Broadsheet (or to none), reported when present. */
const OTHER_RECORDS: Record<string, string> = {
  members: 'readers’ accounts are not imported here: use the members import (CSV)',
  labels: 'member labels are not imported (readers’ accounts)',
  members_labels: 'member labels are not imported (readers’ accounts)',
  members_newsletters: 'newsletter subscriptions are not imported (readers’ accounts)',
  members_products: 'members’ tiers are not imported (reader revenue)',
  members_stripe_customers: 'payment customers are not imported (reader revenue)',
  members_stripe_customers_subscriptions: 'paid subscriptions are not imported (reader revenue)',
  newsletters: 'newsletters are not imported (the readers issue builds them)',
  products: 'tiers are not imported (reader revenue)',
  tiers: 'tiers are not imported (reader revenue)',
  benefits: 'tier benefits are not imported (reader revenue)',
  products_benefits: 'tier benefits are not imported (reader revenue)',
  posts_products: 'which tiers may read a post is not imported: posts are imported as public',
  stripe_products: 'payment products are not imported (reader revenue)',
  stripe_prices: 'payment prices are not imported (reader revenue)',
  offers: 'offers are not imported (reader revenue)',
  comments: 'comments are not imported (readers’ comments)',
  comment_likes: 'comment likes are not imported',
  snippets: 'editor snippets are not imported',
  recommendations: 'recommendations are not imported',
  mentions: 'webmentions are not imported',
  integrations: 'integrations are not imported (their keys belong to the old site)',
  webhooks: 'webhooks are not imported (add them in the desk)',
};

function reportOtherRecords(report: ImportReport, data: Record<string, unknown>): void {
  for (const [table, why] of Object.entries(OTHER_RECORDS)) {
    const rows = data[table];
    if (Array.isArray(rows) && rows.length) count(report.skipped, table, why, rows.length);
  }
}

/** Lexical first (Ghost 5+), then Mobiledoc (Ghost ≤4), then the rendered HTML. */
function convertBody(p: z.infer<typeof PostSchema>, hooks: ConvertHooks): DraftBlock[] {
  if (p.lexical) {
    try {
      return lexicalToBlocks(p.lexical, hooks);
    } catch {
      hooks.note('unreadable lexical → HTML');
    }
  }
  if (p.mobiledoc) {
    try {
      return mobiledocToBlocks(p.mobiledoc, hooks);
    } catch {
      hooks.note('unreadable mobiledoc → HTML');
    }
  }
  return htmlToBlocks(p.html ?? '', hooks);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
