import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import { authorBySlug } from '../authors/author.repo.js';
import { LIST_HEAD_SIZE, cacheKeys } from '../cache/cache.keys.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { keysetPage } from '../lib/cursor.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { badRequest, notFound } from '../http/errors.js';
import { parseQuery, presentValues } from '../http/input.js';
import { parseInput } from '../lib/parse-input.js';
import { slugParam } from '../http/query.js';
import { presentImage } from '../media/image.present.js';
import { imagesByIds } from '../media/image.repo.js';
import { SearchParams } from '../search/search.input.js';
import { search } from '../search/search.service.js';
import { descendantIds } from '../sections/section.tree.js';
import { type ListFilter, listPublished, storyBySlug } from '../stories/story.repo.js';
import { publishedCursor, publishedKeys } from '../stories/story.cursor.js';
import { SlugSchema } from '../stories/slug.js';
import { tagBySlug } from '../tags/tag.repo.js';
import { buildOpenApi } from './api.openapi.js';
import { type Edition, editionOf } from '../editions/edition.js';
import { apiAuthor, apiCard, apiSearchHit, apiSection, apiTag } from './api.present.js';
import { authorsPage, idOrderCursor, idOrderKeys, tagsPage } from './api.repo.js';
import { storyDetail, storySummaries } from './api.service.js';
import { etags } from './api.http.js';
import { cursorValue, instant, limitValue } from './api.input.js';

/** An edition's language (`?language=uk`): checked against the newsroom's editions by `languageFilter`. */
const languageValue = z.string().max(40).optional();

const StoriesQuery = z.object({
  language: languageValue,
  section: SlugSchema.optional(),
  tag: SlugSchema.optional(),
  author: SlugSchema.optional(),
  since: instant.optional(),
  until: instant.optional(),
  cursor: cursorValue,
  limit: limitValue,
});
const PageQuery = z.object({ cursor: cursorValue, limit: limitValue });
const FeedQuery = PageQuery.extend({ language: languageValue });
/** `?language=uk` alone: sections named in that edition's words. */
const LanguageQuery = z.object({ language: languageValue });

/** `?language=`: one edition's stories, or a 400 naming the languages there are; every language when absent. */
async function languageFilter(deps: AppDeps, language: string | undefined): Promise<string | undefined> {
  if (language === undefined) return undefined;
  const { editions } = await deps.lookups.settings();
  if (!editions.some((e) => e.code === language))
    throw badRequest(
      `There is no edition in "${language}". The languages are: ${editions.map((e) => e.code).join(', ')}.`,
    );
  return language;
}

/** `?language=`'s edition (the one its URLs are in), or undefined when absent; a 400 as languageFilter. */
async function languageEdition(deps: AppDeps, language: string | undefined): Promise<Edition | undefined> {
  const code = await languageFilter(deps, language);
  return code === undefined ? undefined : editionOf((await deps.lookups.settings()).editions, code);
}

/** A page of a keyset listing: the items, and the opaque cursor of the next page (null at the end). */
const page = <T>(data: T[], next: string | null) => ({ data, next });

/**
 * The keys of an API list page drawn from `list`: its feed key, as a first page or as a deeper one (a cursor,
 * an `until`), or as both when it reaches further than a list's cached head.
 */
const apiListKeys = (list: string, deep: boolean, limit: number): string[] => {
  const feed = cacheKeys.feed(list);
  return [
    cacheKeys.chrome,
    ...(deep ? [cacheKeys.archive(feed)] : limit > LIST_HEAD_SIZE ? [feed, cacheKeys.archive(feed)] : [feed]),
  ];
};

/**
 * The public, read-only content API under /api/v1: stories, the News Feed, sections, tags, authors
 * and search. CORS allows any origin to GET; every 200 carries a strong ETag (304 on a match); stories, the
 * feed, sections and authors are kept in the render cache and purged by key like the pages; errors are `{error: {code, message}}` from the app's one onError.
 */
export function apiRoutes(app: Hono, deps: AppDeps): void {
  const base = deps.config.publicUrl;
  app.use(
    '/api/v1/*',
    cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'], maxAge: 86400 }),
  );
  app.use('/api/v1/*', etags());

  const openapi = JSON.stringify(buildOpenApi(base));
  app.get('/api/v1/openapi.json', (c) => {
    cacheFor(c, [cacheKeys.chrome]);
    return c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/api/v1/stories', async (c) => {
    const q = parseQuery(c, StoriesQuery);
    const filter: Omit<ListFilter, 'limit'> = {
      language: await languageFilter(deps, q.language),
      before: publishedCursor.decode(q.cursor),
      since: q.since,
      until: q.until,
    };
    if (q.section) {
      const all = await deps.lookups.sections();
      const section = all.find((s) => s.slug === q.section);
      if (!section) throw badRequest(`There is no section "${q.section}".`);
      filter.sectionIds = descendantIds(all, section.id);
    }
    if (q.tag) filter.tagId = (await tagBySlug(deps.db, q.tag))?.id ?? -1;
    if (q.author) filter.authorId = (await authorBySlug(deps.db, q.author))?.id ?? -1;
    if (filter.tagId === -1) throw badRequest(`There is no tag "${q.tag}".`);
    if (filter.authorId === -1) throw badRequest(`There is no author "${q.author}".`);
    const { items: shown, next } = await keysetPage(publishedCursor, publishedKeys, q.limit, (take) =>
      listPublished(deps.db, { ...filter, limit: take }),
    );
    const summaries = await storySummaries(deps, shown);
    // Any one of the lists a filtered page draws from names it: a story that enters it enters each of them.
    // (descendantIds lists the section itself first, then the sections under it.)
    const list = filter.sectionIds
      ? cacheKeys.section(filter.sectionIds[0]!)
      : filter.tagId
        ? cacheKeys.tag(filter.tagId)
        : filter.authorId
          ? cacheKeys.author(filter.authorId)
          : cacheKeys.home;
    cacheFor(c, [...apiListKeys(list, Boolean(filter.before || filter.until), q.limit), ...summaries.keys]);
    return c.json(page(summaries.data, next));
  });

  app.get('/api/v1/stories/:slug', async (c) => {
    const slug = slugParam(c);
    const story = slug ? await storyBySlug(deps.db, slug) : undefined;
    if (story?.status !== 'published' || story.published_at === null) throw notFound('story');
    const { data, keys } = await storyDetail(deps, { ...story, published_at: story.published_at });
    cacheFor(c, keys);
    return c.json({ data });
  });

  app.get('/api/v1/feed', async (c) => {
    const q = parseQuery(c, FeedQuery);
    const before = publishedCursor.decode(q.cursor);
    const language = await languageFilter(deps, q.language);
    const { items: shown, next } = await keysetPage(publishedCursor, publishedKeys, q.limit, (take) =>
      listPublished(deps.db, { language, before, limit: take }),
    );
    cacheFor(c, [
      ...apiListKeys(cacheKeys.home, Boolean(q.cursor), q.limit),
      ...shown.map((r) => cacheKeys.story(r.id)),
    ]);
    return c.json(
      page(
        (await presentCards(deps, shown)).map((card) => apiCard(base, card)),
        next,
      ),
    );
  });

  // Names (and descriptions) in an edition's words with `?language=`, the base row's where none is written.
  app.get('/api/v1/sections', async (c) => {
    const edition = await languageEdition(deps, parseQuery(c, LanguageQuery).language);
    cacheFor(c, [cacheKeys.chrome]);
    return c.json({
      data: (await deps.lookups.sections(edition?.code)).map((s) => apiSection(base, s, edition)),
    });
  });

  app.get('/api/v1/tags', async (c) => {
    const q = parseQuery(c, FeedQuery);
    const edition = await languageEdition(deps, q.language);
    const afterId = idOrderCursor.decode(q.cursor)?.id ?? 0;
    const { items: shown, next } = await keysetPage(idOrderCursor, idOrderKeys, q.limit, (take) =>
      tagsPage(deps.db, afterId, take, edition?.code),
    );
    return c.json(
      page(
        shown.map((t) => apiTag(base, t, edition)),
        next,
      ),
    );
  });

  app.get('/api/v1/authors', async (c) => {
    const q = parseQuery(c, FeedQuery);
    const edition = await languageEdition(deps, q.language);
    const afterId = idOrderCursor.decode(q.cursor)?.id ?? 0;
    const { items: shown, next } = await keysetPage(idOrderCursor, idOrderKeys, q.limit, (take) =>
      authorsPage(deps.db, afterId, take, edition?.code),
    );
    const avatars = await imagesByIds(
      deps.db,
      shown.flatMap((a) => (a.avatar_image_id ? [a.avatar_image_id] : [])),
    );
    return c.json(
      page(
        shown.map((a) => {
          const img = a.avatar_image_id ? avatars.get(a.avatar_image_id) : undefined;
          return apiAuthor(base, a, img ? presentImage(img, deps.media) : null, edition);
        }),
        next,
      ),
    );
  });

  app.get('/api/v1/authors/:slug', async (c) => {
    const slug = slugParam(c);
    const edition = await languageEdition(deps, parseQuery(c, LanguageQuery).language);
    const a = slug ? await authorBySlug(deps.db, slug, edition?.code) : undefined;
    if (!a) throw notFound('author');
    cacheFor(c, [cacheKeys.authorProfile(a.id)]);
    const avatars = await imagesByIds(deps.db, a.avatar_image_id ? [a.avatar_image_id] : []);
    const img = a.avatar_image_id ? avatars.get(a.avatar_image_id) : undefined;
    return c.json({ data: apiAuthor(base, a, img ? presentImage(img, deps.media) : null, edition) });
  });

  app.get('/api/v1/search', async (c) => {
    const raw = Object.fromEntries(
      ['q', 'section', 'author', 'from', 'to', 'language', 'limit'].map((k) => [k, c.req.query(k)]),
    );
    const params = parseInput(SearchParams, presentValues({ ...raw, after: c.req.query('cursor') }), 'parameter');
    if (!params.q) throw badRequest('Add the words to search for in the "q" parameter, e.g. /api/v1/search?q=energy.');
    const result = await search(deps, params);
    cacheFor(c, [cacheKeys.chrome, cacheKeys.search]);
    return c.json(
      page(
        result.results.map((r) => apiSearchHit(base, r)),
        result.next,
      ),
    );
  });
}
