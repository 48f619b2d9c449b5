import { z } from 'zod';
import { SLUG_PATTERN, slugify } from '../stories/slug.js';
import { lexicalToBlocks, mobiledocToBlocks } from './ghost.body.js';
import { type ConvertHooks, htmlText, htmlToBlocks } from './html.convert.js';
import { badSource, describeIssues } from './import.errors.js';
import { isKnownLanguage, languageTag } from './import.language.js';
import {
  type DraftBlock,
  type SourceImage,
  type SourceSite,
  type SourceStory,
  count,
  emptyReport,
} from './source.model.js';

const Id = z.union([z.string(), z.number()]).transform(String);
const Time = z.union([z.string(), z.number()]).nullish();
const Text = z.string().nullish();

const PostSchema = z.looseObject({
  id: Id,
  title: Text,
  slug: z.string(),
  type: z.string().nullish(),
  page: z.union([z.boolean(), z.number()]).nullish(),
  status: z.string(),
  visibility: Text,
  html: Text,
  lexical: Text,
  mobiledoc: Text,
  feature_image: Text,
  feature_image_alt: Text,
  feature_image_caption: Text,
  custom_excerpt: Text,
  published_at: Time,
  updated_at: Time,
  created_at: Time,
  author_id: Id.nullish(),
});

const GhostData = z.looseObject({
  posts: z.array(PostSchema),
  tags: z
    .array(z.looseObject({ id: Id, name: z.string(), slug: z.string(), description: Text, visibility: Text }))
    .default([]),
  posts_tags: z.array(z.looseObject({ post_id: Id, tag_id: Id, sort_order: z.number().nullish() })).default([]),
  users: z
    .array(
      z.looseObject({
        id: Id,
        name: z.string(),
        slug: z.string(),
        bio: Text,
        profile_image: Text,
        website: Text,
        location: Text,
      }),
    )
    .default([]),
  posts_authors: z.array(z.looseObject({ post_id: Id, author_id: Id, sort_order: z.number().nullish() })).default([]),
  roles: z.array(z.looseObject({ id: Id, name: z.string() })).default([]),
  roles_users: z.array(z.looseObject({ role_id: Id, user_id: Id })).default([]),
  posts_meta: z.array(z.looseObject({ post_id: Id, feature_image_alt: Text, feature_image_caption: Text })).default([]),
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

/** Ghost times: ISO strings since Ghost 1, epoch ms in very old exports. */
function time(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

const STATUS: Record<string, SourceStory['status']> = {
  published: 'published',
  draft: 'draft',
  scheduled: 'scheduled',
};

/** Ghost writes its own address as __GHOST_URL__ in exports; any placeholder host will do for paths. */
const ghostUrl = (url: string) => url.replace(/^__GHOST_URL__/, 'https://ghost.invalid');
const slugOf = (s: string, fallback: string) => (SLUG_PATTERN.test(s) && s.length <= 120 ? s : slugify(s || fallback));

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

  const roleName = new Map(data.roles.map((r) => [r.id, r.name]));
  const userRole = new Map(data.roles_users.map((ru) => [ru.user_id, roleName.get(ru.role_id) ?? '']));
  const meta = new Map(data.posts_meta.map((m) => [m.post_id, m]));
  const image = (src: string | null | undefined, alt = '', caption = ''): SourceImage | null =>
    src ? { src: ghostUrl(src), alt, caption: htmlText(caption), credit: '' } : null;

  const authors = data.users.map((u) => ({
    sourceId: u.id,
    slug: slugOf(u.slug, u.name),
    name: u.name,
    bio: u.bio ?? '',
    roleTitle: userRole.get(u.id) ?? '',
    avatar: image(u.profile_image, u.name),
    links: u.website ? [{ label: 'Website', url: u.website }] : [],
    oldPaths: [`/author/${u.slug}`],
  }));

  const publicTag = new Set<string>();
  const tags = data.tags.flatMap((t) => {
    if (t.visibility === 'internal' || t.name.startsWith('#')) {
      count(report.skipped, 'tag', 'internal tag (#name)');
      return [];
    }
    publicTag.add(t.id);
    return [{ sourceId: t.id, slug: slugOf(t.slug, t.name), name: t.name, oldPaths: [`/tag/${t.slug}`] }];
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
    const primary = tagIds[0] ?? null;
    if (primary) sectionIds.add(primary);
    const authorIds = (postAuthors.get(p.id) ?? []).map((r) => r.author_id);
    if (authorIds.length === 0 && p.author_id) authorIds.push(p.author_id);
    const m = meta.get(p.id);
    const updatedAt = time(p.updated_at) ?? time(p.created_at) ?? 0;
    const publishedAt = time(p.published_at);
    stories.push({
      sourceId: p.id,
      kind,
      slug: slugOf(p.slug, p.title ?? ''),
      headline: p.title?.trim() || 'Untitled',
      excerpt: p.custom_excerpt ?? '',
      status,
      publishedAt: status === 'published' ? (publishedAt ?? updatedAt) : publishedAt,
      updatedAt,
      createdAt: time(p.created_at) ?? updatedAt,
      blocks,
      hero: image(
        p.feature_image,
        m?.feature_image_alt ?? p.feature_image_alt ?? '',
        m?.feature_image_caption ?? p.feature_image_caption ?? '',
      ),
      authorSourceIds: [...new Set(authorIds)],
      tagSourceIds: [...new Set(tagIds)],
      sectionSourceId: primary,
      oldPaths: [`/${p.slug}`],
      language: languages[0] ?? siteLanguage,
      translationKey: null,
    });
  }
  const sections = [...sectionIds].map((id) => {
    const t = tagById.get(id)!;
    return {
      sourceId: id,
      slug: slugOf(t.slug, t.name),
      name: t.name,
      description: t.description ?? '',
      parentSourceId: null,
      oldPaths: [],
    };
  });
  return { source: 'ghost', authors, sections, tags, stories, report };
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
