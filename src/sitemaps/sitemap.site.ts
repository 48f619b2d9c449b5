import type { AppDeps } from '../app.deps.js';
import { authorUrl } from '../authors/author.present.js';
import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { notFound } from '../http/errors.js';
import { sectionUrl } from '../sections/section.repo.js';
import { listPublished } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import { tagUrl } from '../tags/tag.repo.js';
import { sectionsWithStories, slugsWithStories, storiesInChunk, storyChunks } from './sitemap.repo.js';
import { type SitemapEntry, renderNewsSitemap, renderSitemapIndex, renderUrlset } from './sitemap.xml.js';

/** The sitemaps.org limit of URLs in one sitemap file (and of files in one index). */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News: stories of the last two days, at most 1,000 per news sitemap. */
export const NEWS_WINDOW_MS = 2 * 24 * 3600_000;
export const NEWS_MAX_URLS = 1_000;

const XML = 'application/xml; charset=utf-8';
const HOUR = 'public, max-age=3600';
const ONE_MINUTE = 'public, max-age=60';

export interface SitemapOptions {
  /** URLs per story sitemap; a parameter so a test can prove the split with a few stories. */
  perFile?: number;
  newsMax?: number;
}

/** Stories of the last two days for the Google News sitemap, newest first, through the one listing query. */
async function newsEntries(deps: AppDeps, max: number) {
  const cutoff = deps.clock() - NEWS_WINDOW_MS;
  const rows = await listPublished(deps.db, { limit: max });
  return rows.filter((r) => r.published_at >= cutoff);
}

/**
 * `robots.txt`, the sitemap index `/sitemap.xml`, story sitemaps split by id range (`/sitemaps/stories-N.xml`),
 * sitemaps of sections, authors and tags, and the Google News sitemap `/sitemaps/news.xml`.
 */
export function sitemapRoutes(opts: SitemapOptions = {}): RouteModule {
  const perFile = opts.perFile ?? SITEMAP_MAX_URLS;
  const newsMax = opts.newsMax ?? NEWS_MAX_URLS;
  return (app, deps) => {
    const base = deps.config.publicUrl;
    const xml = (c: Parameters<typeof sendConditional>[0], body: string, cacheControl: string, lastModified?: number) =>
      sendConditional(c, {
        body,
        contentType: XML,
        cacheControl,
        lastModified: lastModified || undefined,
        now: deps.clock(),
      });

    app.get('/robots.txt', (c) =>
      sendConditional(c, {
        body: `User-agent: *\nAllow: /\nDisallow: /desk/\n\nSitemap: ${base}/sitemap.xml\n`,
        contentType: 'text/plain; charset=utf-8',
        cacheControl: HOUR,
      }),
    );

    app.get('/sitemap.xml', async (c) => {
      const [chunks, sections, authors, tags, news] = await Promise.all([
        storyChunks(deps.db, perFile),
        sectionsWithStories(deps.db),
        slugsWithStories(deps.db, 'authors', SITEMAP_MAX_URLS),
        slugsWithStories(deps.db, 'tags', SITEMAP_MAX_URLS),
        newsEntries(deps, 1),
      ]);
      const newest = (list: { lastmod: number }[]) => list.reduce((m, e) => Math.max(m, e.lastmod), 0);
      // A file is listed only while it has URLs: an empty urlset is not valid sitemap XML.
      const listing = (name: string, list: { lastmod: number }[]) =>
        list.length ? [{ loc: `${base}/sitemaps/${name}.xml`, lastmod: newest(list) }] : [];
      const entries: SitemapEntry[] = [
        ...chunks.map((ch) => ({ loc: `${base}/sitemaps/stories-${ch.n}.xml`, lastmod: ch.lastmod })),
        ...listing('sections', sections),
        ...listing('authors', authors),
        ...listing('tags', tags),
        ...(news.length ? [{ loc: `${base}/sitemaps/news.xml`, lastmod: news[0]!.updated_at }] : []),
      ];
      return xml(c, renderSitemapIndex(entries), ONE_MINUTE, newest(chunks));
    });

    app.get('/sitemaps/news.xml', async (c) => {
      const [settings, rows] = await Promise.all([deps.lookups.settings(), newsEntries(deps, newsMax)]);
      const body = renderNewsSitemap(
        settings,
        rows.map((r) => ({ loc: base + storyUrl(r.slug), title: r.headline, published: r.published_at })),
      );
      return xml(
        c,
        body,
        ONE_MINUTE,
        rows.reduce((m, r) => Math.max(m, r.updated_at), 0),
      );
    });

    app.get('/sitemaps/:file', async (c) => {
      const file = c.req.param('file');
      let entries: SitemapEntry[];
      if (file === 'sections.xml')
        entries = (await sectionsWithStories(deps.db)).map((s) => ({
          loc: base + sectionUrl(s.slug),
          lastmod: s.lastmod,
        }));
      else if (file === 'authors.xml')
        entries = (await slugsWithStories(deps.db, 'authors', SITEMAP_MAX_URLS)).map((a) => ({
          loc: base + authorUrl(a.slug),
          lastmod: a.lastmod,
        }));
      else if (file === 'tags.xml')
        entries = (await slugsWithStories(deps.db, 'tags', SITEMAP_MAX_URLS)).map((t) => ({
          loc: base + tagUrl(t.slug),
          lastmod: t.lastmod,
        }));
      else {
        const m = /^stories-([1-9]\d{0,8})\.xml$/.exec(file);
        // Beyond the 32-bit id range there can be no stories (and PostgreSQL would refuse the comparison).
        if (!m || (Number(m[1]) - 1) * perFile > 2_147_483_647) throw notFound('sitemap');
        const rows = await storiesInChunk(deps.db, Number(m[1]), perFile);
        if (rows.length === 0) throw notFound('sitemap');
        entries = rows.map((r) => ({ loc: base + storyUrl(r.slug), lastmod: r.updated_at }));
      }
      return xml(
        c,
        renderUrlset(entries),
        HOUR,
        entries.reduce((m, e) => Math.max(m, e.lastmod), 0),
      );
    });
  };
}
