import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { pagingFrom, slugParam } from '../http/query.js';
import { publishedCursor } from '../stories/story.cursor.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { cacheKeys, listingKeys } from '../cache/cache.keys.js';
import { AuthorSeoHead } from '../seo/seo.head.js';
import { loadChrome } from '../ui/chrome.js';
import { FeedList } from '../ui/news-feed-list.js';
import { Layout, listingWords } from '../ui/layout.js';
import { everyEdition } from '../editions/edition.js';
import { Picture } from '../ui/picture.js';
import { sendPage } from '../ui/render.js';
import { authorUrl, presentAuthor } from './author.present.js';
import { authorPage } from './author.service.js';

/** The author page: avatar, name, role, full bio, links and the author's stories, keyset-paged. */
export function authorSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/authors/:slug', async (c) => {
    const slug = slugParam(c);
    const paging = pagingFrom(c, publishedCursor);
    const edition = c.get('edition');
    // The role title and bios in the edition's language where written, the primary edition's otherwise.
    const [chrome, { author: row, avatar, page }] = await Promise.all([
      loadChrome(deps, edition),
      authorPage(deps, slug, edition.code, paging.before),
    ]);
    const author = presentAuthor(row, avatar, edition);
    const { t } = chrome;
    cacheFor(c, [
      ...listingKeys(
        cacheKeys.author(row.id),
        Boolean(paging.before),
        page.cards.map((x) => x.id),
      ),
      cacheKeys.authorProfile(row.id),
    ]);
    return sendPage(
      c,
      <Layout
        chrome={chrome}
        title={author.name}
        description={author.shortBio}
        canonical={deps.config.publicUrl + author.url}
        alternates={paging.before ? undefined : everyEdition(chrome.editions, authorUrl(row.slug))}
        head={<AuthorSeoHead author={author} chrome={chrome} publicUrl={deps.config.publicUrl} />}
      >
        <header class="author-head">
          {author.avatar && (
            <Picture image={author.avatar} alt={author.name} sizes="120px" largest={120} class="avatar" eager />
          )}
          <div>
            <h1 class="page-title">{author.name}</h1>
            {author.roleTitle && <p class="author-role">{author.roleTitle}</p>}
          </div>
        </header>
        {author.bio.split(/\n{2,}/).map((p) => (
          <p class="author-full-bio">{p}</p>
        ))}
        {author.links.length > 0 && (
          <ul class="links" aria-label={t('author.elsewhere', { name: author.name })}>
            {author.links.map((l) => (
              <li>
                <a href={l.url} rel="me noopener">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        )}
        <h2>{t('author.stories', { name: author.name })}</h2>
        <FeedList
          cards={page.cards}
          next={page.next}
          basePath={author.url}
          tz={deps.config.timeZone}
          words={listingWords(chrome)}
          headingLevel={3}
        />
      </Layout>,
    );
  });
}
