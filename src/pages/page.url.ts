/**
 * The first path segments the reader site's own routes take (and the desk's, the API's, the assets'). A static
 * page lives at `/<slug>`, so its slug may not be one of these, nor an edition's prefix (`/uk`). The page route is
 * registered after every other route, so a page could never shadow one anyway; refusing the slug says so to the
 * editor instead of publishing a page nobody can reach. `page.url.test.ts` walks the app's routes to keep this true.
 */
const RESERVED = new Set([
  'stories',
  'sections',
  'tags',
  'authors',
  'search',
  'feed',
  'feed.xml',
  'feed.atom',
  'feed.json',
  'feeds',
  'rss',
  'brand',
  'icon-192.png',
  'apple-touch-icon.png',
  'site.webmanifest',
  'sitemap.xml',
  'sitemaps',
  'robots.txt',
  'desk',
  'api',
  'media',
  'assets',
  'live',
  'account',
  'sign-in',
  'newsletters',
  'health',
  'healthz',
  'logo',
  'favicon.ico',
  'comments',
  'membership',
  'support',
  'webhooks',
]);

/**
 * True when a page may not take this slug (see RESERVED), or it could be an edition's prefix: a two-letter language
 * code (`uk`, `de`), with or without a region (`pt-br`). Three-letter words stay free for pages (`faq`).
 */
export function isReservedPageSlug(slug: string): boolean {
  return RESERVED.has(slug) || /^[a-z]{2}(-[a-z0-9]{2,8})?$/.test(slug);
}

/** The reserved first segments, for the test that checks them against the routes. */
export const reservedPageSegments = (): ReadonlySet<string> => RESERVED;
