import type { Context } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { authorUrl } from '../authors/author.present.js';
import { authorBySlug } from '../authors/author.repo.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { cacheFor, publicCacheControl } from '../cache/cache.middleware.js';
import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { notFound } from '../http/errors.js';
import { idParam } from '../http/params.js';
import { slugParam } from '../http/query.js';
import { sectionUrl } from '../sections/section.url.js';
import { descendantIds } from '../sections/section.tree.js';
import { storyById } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import { editionOf } from '../editions/edition.js';
import { tagBySlug } from '../tags/tag.repo.js';
import { tagUrl } from '../tags/tag.url.js';
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './json-feed.js';
import { type FeedScope, loadFeed } from './syndication.load.js';
import { FEED_FORMATS, type FeedDoc, type FeedFormat } from './syndication.model.js';
import { renderRss } from './rss.js';

/** Feed readers may poll without asking for a minute (news must reach them within it); a CDN keeps feeds like pages. */
const FEED_BROWSER_MAX_AGE = 60;

const RENDER: Record<FeedFormat, (f: FeedDoc) => string> = { xml: renderRss, atom: renderAtom, json: renderJsonFeed };

type ScopeOf = (deps: AppDeps, c: Context) => Promise<FeedScope>;

const siteScope: ScopeOf = async () => ({ filter: {}, list: cacheKeys.home, name: null, description: null, path: '' });

const sectionScope: ScopeOf = async (deps, c) => {
  const slug = slugParam(c);
  const all = await deps.lookups.sections();
  const section = all.find((s) => s.slug === slug);
  if (!section) throw notFound('section');
  // Like the section page: the section's own stories and those of every section under it.
  return {
    filter: { sectionIds: descendantIds(all, section.id) },
    list: cacheKeys.section(section.id),
    name: section.name,
    description: section.description || null,
    path: sectionUrl(section.slug),
  };
};

const authorScope: ScopeOf = async (deps, c) => {
  const slug = slugParam(c);
  const author = slug ? await authorBySlug(deps.db, slug) : undefined;
  if (!author) throw notFound('author');
  return {
    filter: { authorId: author.id },
    list: cacheKeys.author(author.id),
    keys: [cacheKeys.authorProfile(author.id)],
    name: author.name,
    description: author.short_bio || null,
    path: authorUrl(author.slug),
  };
};

const tagScope: ScopeOf = async (deps, c) => {
  const slug = slugParam(c);
  const tag = slug ? await tagBySlug(deps.db, slug) : undefined;
  if (!tag) throw notFound('tag');
  return {
    filter: { tagId: tag.id },
    list: cacheKeys.tag(tag.id),
    keys: [cacheKeys.tagName(tag.id)],
    name: tag.name,
    description: null,
    path: tagUrl(tag.slug),
  };
};

/**
 * RSS 2.0 (`feed.xml`), Atom 1.0 (`feed.atom`) and JSON Feed 1.1 (`feed.json`) for the whole site and
 * for every section, author and tag, in every edition (`/uk/feed.xml` lists the Ukrainian stories), each answering conditional GETs with 304. `/stories/id/<id>` — the
 * items' permanent id — redirects to the story's current address. Feeds are kept in the render cache and
 * purged (with their CDN copies) as `feed:<list>` when a story enters or leaves them, or by any story they show.
 */
export const syndicationRoutes: RouteModule = (app, deps) => {
  const scopes: [string, ScopeOf][] = [
    ['', siteScope],
    ['/sections/:slug', sectionScope],
    ['/authors/:slug', authorScope],
    ['/tags/:slug', tagScope],
  ];
  for (const [prefix, scopeOf] of scopes)
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[])
      app.get(`${prefix}/feed.${format}`, async (c) => {
        // Every feed is in one edition (`/uk/feed.xml`): the edition middleware has put it on the context.
        const { doc, keys } = await loadFeed(deps, await scopeOf(deps, c), c.get('edition'));
        cacheFor(c, keys);
        return sendConditional(c, {
          body: RENDER[format](doc),
          contentType: FEED_FORMATS[format],
          lastModified: doc.updated || undefined,
          cacheControl: publicCacheControl(deps.config.http, FEED_BROWSER_MAX_AGE),
          now: deps.clock(),
        });
      });

  app.get('/stories/id/:id', async (c) => {
    const story = await storyById(deps.db, idParam(c, 'story'));
    if (story?.status !== 'published') throw notFound('story');
    const { editions } = await deps.lookups.settings();
    return c.redirect(storyUrl(story.slug, editionOf(editions, story.language)), 301);
  });
};
