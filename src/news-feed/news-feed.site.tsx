import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { pagingFrom } from '../http/query.js';
import { publishedCursor } from '../stories/story.cursor.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { cacheKeys, listingKeys } from '../cache/cache.keys.js';
import { HomeSeoHead } from '../seo/seo.head.js';
import { loadChrome } from '../ui/chrome.js';
import { FeedList } from '../ui/news-feed-list.js';
import { Layout, listingWords } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { feedPage } from './news-feed.service.js';
import { editionPath, everyEdition } from '../editions/edition.js';

/** The home page: the News Feed, newest first, with "Show More" (`/?before=<cursor>`). */
export function feedSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/', async (c) => {
    const edition = c.get('edition');
    const paging = pagingFrom(c, publishedCursor);
    const [chrome, page] = await Promise.all([
      loadChrome(deps, edition),
      feedPage(deps, { language: edition.code, before: paging.before }),
    ]);
    const home = editionPath(edition, '/');
    cacheFor(
      c,
      listingKeys(
        cacheKeys.home,
        Boolean(paging.before),
        page.cards.map((x) => x.id),
      ),
    );
    const { t } = chrome;
    const title = paging.before ? t('feed.older') : chrome.name;
    return sendPage(
      c,
      <Layout
        chrome={chrome}
        title={title}
        canonical={deps.config.publicUrl + home}
        alternates={paging.before ? undefined : everyEdition(chrome.editions, '/')}
        head={<HomeSeoHead chrome={chrome} publicUrl={deps.config.publicUrl} />}
      >
        <h1 class="page-title">{t('layout.newsFeed')}</h1>
        <FeedList
          cards={page.cards}
          next={page.next}
          basePath={home}
          tz={deps.config.timeZone}
          words={listingWords(chrome)}
          label={t('feed.latest')}
          live={!paging.before}
        />
      </Layout>,
    );
  });
}
