import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from '../app.deps.js';
import { apiRoutes } from '../api/api.routes.js';
import { authorSiteRoutes } from '../authors/author.site.js';
import { commentSiteRoutes } from '../comments/comments.site.js';
import { commentDeskRoutes } from '../comments/comments.desk.js';
import { DESK_ROUTES } from '../desk/desk.routes.js';
import { feedSiteRoutes } from '../news-feed/news-feed.site.js';
import { jobDeskRoutes } from '../jobs/jobs.desk.js';
import { liveDeskRoutes } from '../live/liveblog.desk.js';
import { liveSiteRoutes } from '../live/live.site.js';
import { mediaRoutes } from '../media/media.site.js';
import { searchSiteRoutes } from '../search/search.site.js';
import { sectionSiteRoutes } from '../sections/section.site.js';
import { storySiteRoutes } from '../stories/story.site.js';
import { logoRoutes } from '../seo/logo.site.js';
import { sitemapRoutes } from '../sitemaps/sitemap.site.js';
import { syndicationRoutes } from '../syndication/syndication.site.js';
import { tagSiteRoutes } from '../tags/tag.site.js';
import { renderCacheMiddleware } from '../cache/cache.middleware.js';
import { editionMiddleware, editionRoutingPath } from '../editions/edition.http.js';
import { type Edition, defaultEditions } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { readerAccountRoutes } from '../readers/account.site.js';
import { readerFormGuard } from '../readers/reader-csrf.js';
import { readerSignInRoutes } from '../readers/sign-in.site.js';
import { billingSiteRoutes } from '../billing/billing.site.js';
import { paymentWebhookRoutes } from '../billing/payment-webhook.site.js';
import { newsletterSiteRoutes } from '../newsletters/newsletters.site.js';
import { redirectRoutes } from '../transfer/redirect.site.js';
import { pageSiteRoutes } from '../pages/page.site.js';
import { assetRoutes } from '../ui/assets.site.js';
import { webhookDeskRoutes } from '../webhooks/webhook.desk.js';
import { loadChrome } from '../ui/chrome.js';
import { ErrorPage } from '../ui/error-page.js';
import type { Chrome } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError } from './errors.js';
import { healthRoutes } from './health.js';
import type { RouteModule } from './route-module.js';
import { requestLog } from './request-log.js';
import { securityHeaders } from './security.js';

const FALLBACK_EDITION = defaultEditions('en')[0] as Edition;
/** The shell of an error page when even the settings cannot be read (the database is down). */
const fallbackChrome = (publicUrl: string): Chrome => ({
  name: 'Broadsheet',
  description: '',
  language: FALLBACK_EDITION.code,
  edition: FALLBACK_EDITION,
  editions: [FALLBACK_EDITION],
  publicUrl,
  t: translator(FALLBACK_EDITION.code),
  nav: [],
});

/**
 * Builds the HTTP application: middleware order, every face's routes, the 404 page and the one onError.
 * `extra` lets main.ts (and tests) add faces built elsewhere without this file knowing them.
 */
export function createApp(deps: AppDeps, extra: RouteModule[] = []): Hono {
  // Routes are written once for every edition: the router sees /uk/stories/x as /stories/x (src/editions).
  const app = new Hono({ getPath: editionRoutingPath });

  app.use(requestLog(deps));
  app.use(securityHeaders(deps.config));
  app.use(renderCacheMiddleware(deps));
  app.use(editionMiddleware(deps));
  // Every change the reader site takes (sign-in, account, newsletter and comment forms) comes from the site itself.
  app.use(readerFormGuard(deps));

  const routeModules: RouteModule[] = [
    healthRoutes,
    assetRoutes,
    mediaRoutes,
    feedSiteRoutes,
    storySiteRoutes,
    commentSiteRoutes,
    authorSiteRoutes,
    sectionSiteRoutes,
    tagSiteRoutes,
    syndicationRoutes,
    sitemapRoutes(),
    logoRoutes,
    searchSiteRoutes,
    readerSignInRoutes,
    readerAccountRoutes,
    newsletterSiteRoutes,
    billingSiteRoutes,
    paymentWebhookRoutes,
    apiRoutes,
    ...DESK_ROUTES,
    // After DESK_ROUTES, whose first module installs the desk session and CSRF checks.
    webhookDeskRoutes,
    jobDeskRoutes,
    commentDeskRoutes,
    liveSiteRoutes,
    liveDeskRoutes,
    ...extra,
    // Static pages at /<slug>: after every route with a path of its own, before the old imported URLs.
    pageSiteRoutes,
    redirectRoutes, // keep last: old imported URLs, only for paths nothing else answered
  ];
  for (const routes of routeModules) routes(app, deps);

  // The one JSON error shape: { error: { code, message, ...details } }. A page shows the edition's words for the
  // status; `specific` says the message is the error's own about this request (shown on the page too, see ErrorPage).
  const errorResponse = async (
    c: Parameters<Parameters<typeof app.onError>[0]>[1],
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    specific = false,
  ) => {
    const wantsJson =
      c.req.path.startsWith('/api/') ||
      c.req.path.startsWith('/desk/api/') ||
      (c.req.header('accept') ?? '').startsWith('application/json');
    // A 503 says when to come back (the database away: a few seconds; a full queue may know better, e.g. the image
    // gate's); a load balancer or a browser may retry then.
    if (status === 503)
      c.header(
        'Retry-After',
        String(typeof details?.retry_after === 'number' ? details.retry_after : RETRY_AFTER_SECONDS),
      );
    if (wantsJson) return c.json({ error: { code, message, ...details } }, status as 400);
    const edition = c.get('edition');
    const chrome = await loadChrome(deps, edition).catch(() => fallbackChrome(deps.config.publicUrl));
    // A reader page (one in an edition) says "not found" and "our fault" in its own words; the desk (English)
    // keeps each error's message, which names what was not found.
    const detail = edition ? (specific && status !== 404 && status < 500 ? message : undefined) : message;
    return sendPage(c, <ErrorPage chrome={chrome} status={status} detail={detail} />, status as 400);
  };

  app.notFound((c) =>
    errorResponse(
      c,
      404,
      'not_found',
      'We could not find that page. It may have moved, or the address may be mistyped.',
    ),
  );

  app.onError((err, c) => {
    if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
      // Not a bug: the database restarts or fails over. One warning line, no stack; the reader gets a calm 503
      // (or, from the render cache's middleware, the page as it was).
      deps.log({ msg: 'database unavailable', level: 'warn', path: c.req.path, error: String(err) });
      const e = databaseUnavailable(err);
      return errorResponse(c, e.status, e.code, e.message);
    }
    if (err instanceof AppError) return errorResponse(c, err.status, err.code, err.message, err.details, true);
    if (err instanceof HTTPException && err.status < 500)
      return err.message
        ? errorResponse(c, err.status, 'bad_request', err.message, undefined, true)
        : errorResponse(c, err.status, 'bad_request', 'That request could not be understood.');
    deps.log({
      msg: 'error',
      level: 'error',
      path: c.req.path,
      error: String(err instanceof Error ? (err.stack ?? err.message) : err),
    });
    return errorResponse(c, 500, 'internal', 'Something went wrong on our side. Please try again in a moment.');
  });
  return app;
}
