import { authorUrl } from '../authors/author.present.js';
import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { notFound } from '../http/errors.js';
import { sectionUrl } from '../sections/section.url.js';
import { storyUrl } from '../stories/story.url.js';
import { type Edition, editionOf, editionPath, everyEdition, hreflangLinks } from '../editions/edition.js';
import { storyAlternates } from '../stories/story.url.js';
import { tagUrl } from '../tags/tag.url.js';
import { newsroomIn } from '../settings/newsroom-words.js';
import {
  type Listing,
  NEWS_MAX_URLS,
  SITEMAP_MAX_URLS,
  chunkStories,
  listingPages,
  newsStories,
  sitemapIndexReads,
  sitemapPages,
} from './sitemap.service.js';
import type { ChunkStory } from './sitemap.repo.js';
import { type SitemapEntry, renderNewsSitemap, renderSitemapIndex, renderUrlset } from './sitemap.xml.js';

const XML = 'application/xml; charset=utf-8';
const HOUR = 'public, max-age=3600';
const ONE_MINUTE = 'public, max-age=60';

export interface SitemapOptions {
  /** URLs per story sitemap; a parameter so a test can prove the split with a few stories. */
  perFile?: number;
  newsMax?: number;
}

/** The listing pages that exist in every edition, and their paths. */
const LISTINGS = {
  sections: sectionUrl,
  authors: authorUrl,
  tags: tagUrl,
} as const satisfies Record<Listing, (slug: string) => string>;

/** A listing's sitemap file in one edition: `tags.xml` for the primary edition, `tags-uk.xml` for `/uk/`. */
const listingFile = (kind: Listing, edition: Edition) => `${kind}${edition.prefix ? `-${edition.prefix}` : ''}.xml`;

/**
 * `robots.txt`, the sitemap index `/sitemap.xml`, the editions' home pages (`/sitemaps/home.xml`), the static
 * pages (`/sitemaps/pages.xml`, src/pages: never in the news sitemap), story
 * sitemaps split by id range (`/sitemaps/stories-N.xml`, each story at its edition's URL), sitemaps of sections,
 * authors and tags per edition (`sections.xml`, `sections-uk.xml`…), and the Google News sitemap
 * `/sitemaps/news.xml`. Every page with counterparts lists them all as hreflang alternates, x-default the primary
 * edition's, exactly as its own head does (a story: its published translations; a listing: every edition).
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

    /** Each edition's home page, with its newest publish time (from the lookups' newest stories: no query). */
    const homes = async (editions: readonly Edition[]): Promise<SitemapEntry[]> => {
      const alternates = hreflangLinks(editions, everyEdition(editions, '/'), base);
      const newest = await Promise.all(editions.map((e) => deps.lookups.latest(e.code)));
      return editions.map((e, i) => ({
        loc: base + editionPath(e, '/'),
        lastmod: newest[i]![0]?.published_at ?? 0,
        alternates,
      }));
    };

    app.get('/sitemap.xml', async (c) => {
      const { editions } = await deps.lookups.settings();
      const kinds = Object.keys(LISTINGS) as Listing[];
      const [{ chunks, pages, newsUpdated, staticPages }, home] = await Promise.all([
        sitemapIndexReads(deps, editions, perFile),
        homes(editions),
      ]);
      const newest = (list: { lastmod: number }[]) => list.reduce((m, e) => Math.max(m, e.lastmod), 0);
      // A file is listed only while it has URLs: an empty urlset is not valid sitemap XML.
      const listing = (name: string, list: { lastmod: number }[]) =>
        list.length ? [{ loc: `${base}/sitemaps/${name}`, lastmod: newest(list) }] : [];
      const entries: SitemapEntry[] = [
        ...listing('home.xml', home),
        ...listing(
          'pages.xml',
          staticPages.map((p) => ({ lastmod: p.updated_at })),
        ),
        ...chunks.map((ch) => ({ loc: `${base}/sitemaps/stories-${ch.n}.xml`, lastmod: ch.lastmod })),
        ...kinds.flatMap((kind) => editions.flatMap((e, i) => listing(listingFile(kind, e), pages[kind][i]!))),
        ...(newsUpdated !== undefined ? [{ loc: `${base}/sitemaps/news.xml`, lastmod: newsUpdated }] : []),
      ];
      return xml(c, renderSitemapIndex(entries), ONE_MINUTE, newest(chunks));
    });

    app.get('/sitemaps/news.xml', async (c) => {
      const [settings, rows] = await Promise.all([deps.lookups.settings(), newsStories(deps, newsMax)]);
      const body = renderNewsSitemap(
        rows.map((r) => ({
          loc: base + storyUrl(r.slug, editionOf(settings.editions, r.language)),
          title: r.headline,
          published: r.published_at,
          language: r.language,
          // Each story's publication is the newsroom as its edition names it.
          publication: newsroomIn(settings, r.language).name,
        })),
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
      const { editions } = await deps.lookups.settings();
      const listing = (Object.keys(LISTINGS) as Listing[])
        .flatMap((kind) => editions.map((edition) => ({ kind, edition })))
        .find((l) => listingFile(l.kind, l.edition) === file);
      let entries: SitemapEntry[];
      // A story or a static page at its edition's URL, with its translations as hreflang alternates.
      const entryOf = (r: ChunkStory, kind?: 'page'): SitemapEntry => {
        const alternates = storyAlternates(editions, [r, ...r.translations], kind);
        return {
          loc: base + storyUrl(r.slug, editionOf(editions, r.language), kind),
          lastmod: r.updated_at,
          // A story whose language has no edition is not among its own alternates: it lists none.
          alternates: alternates.some((a) => a.edition.code === r.language)
            ? hreflangLinks(editions, alternates, base)
            : [],
        };
      };
      if (file === 'home.xml') entries = await homes(editions);
      else if (file === 'pages.xml') {
        entries = (await sitemapPages(deps.db)).map((r) => entryOf(r, 'page'));
        if (entries.length === 0) throw notFound('sitemap');
      } else if (listing) {
        const toPath = LISTINGS[listing.kind];
        entries = (await listingPages(deps.db, listing.kind, listing.edition)).map((p) => ({
          loc: base + editionPath(listing.edition, toPath(p.slug)),
          lastmod: p.lastmod,
          alternates: hreflangLinks(editions, everyEdition(editions, toPath(p.slug)), base),
        }));
      } else {
        const m = /^stories-([1-9]\d{0,8})\.xml$/.exec(file);
        if (!m) throw notFound('sitemap');
        entries = (await chunkStories(deps.db, Number(m[1]), perFile)).map((r) => entryOf(r));
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
