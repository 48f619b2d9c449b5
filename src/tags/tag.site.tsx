import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { pagingFrom, slugParam } from '../http/query.js';
import { publishedCursor } from '../stories/story.cursor.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { cacheKeys, listingKeys } from '../cache/cache.keys.js';
import { FeedLinks } from '../seo/syndication-links.js';
import { loadChrome } from '../ui/chrome.js';
import { FeedList } from '../ui/news-feed-list.js';
import { Layout, listingWords } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { tagPage } from './tag.service.js';
import { tagUrl } from './tag.url.js';
import { editionPath, everyEdition } from '../editions/edition.js';

/** A tag page: every published story with the tag, keyset-paged. */
export function tagSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/tags/:slug', async (c) => {
    const slug = slugParam(c);
    const paging = pagingFrom(c, publishedCursor);
    const edition = c.get('edition');
    // Its name and description in the edition's language where written, the primary edition's otherwise.
    const [chrome, { tag, page }] = await Promise.all([
      loadChrome(deps, edition),
      tagPage(deps, slug, edition.code, paging.before),
    ]);
    const path = editionPath(edition, tagUrl(tag.slug));
    cacheFor(c, [
      ...listingKeys(
        cacheKeys.tag(tag.id),
        Boolean(paging.before),
        page.cards.map((x) => x.id),
      ),
      cacheKeys.tagName(tag.id),
    ]);
    return sendPage(
      c,
      <Layout
        chrome={chrome}
        title={tag.name}
        description={tag.description || undefined}
        canonical={deps.config.publicUrl + path}
        alternates={paging.before ? undefined : everyEdition(chrome.editions, tagUrl(tag.slug))}
        head={<FeedLinks publicUrl={deps.config.publicUrl} path={path} title={`${tag.name} — ${chrome.name}`} />}
      >
        <p class="label">{chrome.t('tag.label')}</p>
        <h1 class="page-title">{tag.name}</h1>
        {tag.description && <p class="dek">{tag.description}</p>}
        <FeedList
          cards={page.cards}
          next={page.next}
          basePath={path}
          tz={deps.config.timeZone}
          words={listingWords(chrome)}
        />
      </Layout>,
    );
  });
}
