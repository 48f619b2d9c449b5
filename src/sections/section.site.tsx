import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { feedPage } from '../news-feed/news-feed.service.js';
import { notFound } from '../http/errors.js';
import { pagingFrom, slugParam } from '../http/query.js';
import { publishedCursor } from '../stories/story.cursor.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { cacheKeys, listingKeys } from '../cache/cache.keys.js';
import { FeedLinks } from '../seo/syndication-links.js';
import { loadChrome } from '../ui/chrome.js';
import { FeedList } from '../ui/news-feed-list.js';
import { Layout, listingWords } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { sectionUrl } from './section.url.js';
import { descendantIds, sectionPath } from './section.tree.js';
import { editionPath, everyEdition } from '../editions/edition.js';

/** A section page: its stories and those of every section nested under it, keyset-paged. */
export function sectionSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/sections/:slug', async (c) => {
    const slug = slugParam(c);
    const paging = pagingFrom(c, publishedCursor);
    const edition = c.get('edition');
    // In the edition's words: the section's name and description, its breadcrumb and the sections within it.
    const all = await deps.lookups.sections(edition.code);
    const section = all.find((s) => s.slug === slug);
    if (!section) throw notFound('section');
    const inEdition = (slug: string) => editionPath(edition, sectionUrl(slug));
    const [chrome, page] = await Promise.all([
      loadChrome(deps, edition),
      feedPage(deps, { language: edition.code, sectionIds: descendantIds(all, section.id), before: paging.before }),
    ]);
    cacheFor(
      c,
      listingKeys(
        cacheKeys.section(section.id),
        Boolean(paging.before),
        page.cards.map((x) => x.id),
      ),
    );
    const path = sectionPath(all, section.id);
    const children = all.filter((s) => s.parent_id === section.id);
    return sendPage(
      c,
      <Layout
        chrome={chrome}
        title={section.name}
        description={section.description || undefined}
        canonical={deps.config.publicUrl + inEdition(section.slug)}
        alternates={paging.before ? undefined : everyEdition(chrome.editions, sectionUrl(section.slug))}
        head={
          <FeedLinks
            publicUrl={deps.config.publicUrl}
            path={inEdition(section.slug)}
            title={`${section.name} — ${chrome.name}`}
          />
        }
      >
        {path.length > 1 && (
          <nav class="crumbs" aria-label={chrome.t('story.breadcrumb')}>
            <ol>
              {path.map((s) => (
                <li>
                  <a href={inEdition(s.slug)} aria-current={s.id === section.id ? 'page' : undefined}>
                    {s.name}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <h1 class="page-title">{section.name}</h1>
        {section.description && <p class="dek">{section.description}</p>}
        {children.length > 0 && (
          <ul class="tags" aria-label={chrome.t('section.within', { name: section.name })}>
            {children.map((s) => (
              <li>
                <a href={inEdition(s.slug)}>{s.name}</a>
              </li>
            ))}
          </ul>
        )}
        <FeedList
          cards={page.cards}
          next={page.next}
          basePath={inEdition(section.slug)}
          tz={deps.config.timeZone}
          words={listingWords(chrome)}
        />
      </Layout>,
    );
  });
}
