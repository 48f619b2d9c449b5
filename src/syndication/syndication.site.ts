import { cacheFor, publicCacheControl } from '../cache/cache.middleware.js';
import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { idParam } from '../http/params.js';
import { slugParam } from '../http/query.js';
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './json-feed.js';
import { loadFeed } from './syndication.load.js';
import { type FeedScopeKind, feedScope, publishedStoryPath } from './syndication.service.js';
import { FEED_FORMATS, type FeedDoc, type FeedFormat } from './syndication.model.js';
import { renderRss } from './rss.js';

/** Feed readers may poll without asking for a minute (news must reach them within it); a CDN keeps feeds like pages. */
const FEED_BROWSER_MAX_AGE = 60;

const RENDER: Record<FeedFormat, (f: FeedDoc) => string> = { xml: renderRss, atom: renderAtom, json: renderJsonFeed };

/**
 * RSS 2.0 (`feed.xml`), Atom 1.0 (`feed.atom`) and JSON Feed 1.1 (`feed.json`) for the whole site and
 * for every section, author and tag, in every edition (`/uk/feed.xml` lists the Ukrainian stories), each
 * answering conditional GETs with 304. `/stories/id/<id>` — the items' permanent id — redirects to the story's
 * current address. Feeds are kept in the render cache and purged (with their CDN copies) as `feed:<list>` when a
 * story enters or leaves them, or by any story they show.
 */
export const syndicationRoutes: RouteModule = (app, deps) => {
  const scopes: [string, FeedScopeKind][] = [
    ['', 'site'],
    ['/sections/:slug', 'section'],
    ['/authors/:slug', 'author'],
    ['/tags/:slug', 'tag'],
  ];
  for (const [prefix, kind] of scopes)
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[])
      app.get(`${prefix}/feed.${format}`, async (c) => {
        // Every feed is in one edition (`/uk/feed.xml`): the edition middleware has put it on the context.
        const edition = c.get('edition');
        const slug = kind === 'site' ? undefined : slugParam(c);
        const { doc, keys } = await loadFeed(deps, await feedScope(deps, kind, slug, edition.code), edition);
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
    return c.redirect(await publishedStoryPath(deps, idParam(c, 'story')), 301);
  });
};
