import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../app.deps.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { type Edition, editionPath } from '../editions/edition.js';
import { withFormErrors } from '../http/form-errors.js';
import { presentValues } from '../http/input.js';
import { parseInput } from '../lib/parse-input.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { loadChrome } from '../ui/chrome.js';
import { Layout, listingWords } from '../ui/layout.js';
import { type ListingWords, StoryCard } from '../ui/news-feed-list.js';
import { sendPage } from '../ui/render.js';
import type { Segment } from './search.query.js';
import { MAX_QUERY_LENGTH } from './search.query.js';
import { SearchParams } from './search.input.js';
import { type SearchPage, type SearchResult, search } from './search.service.js';

/** Text with its hits in <mark>; every piece goes through hono/jsx, so it is escaped. */
function Marked(props: { parts: Segment[] }) {
  return <>{props.parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</>;
}

function ResultCard(props: { result: SearchResult; tz: string; words: ListingWords }) {
  const { result } = props;
  return (
    <StoryCard
      card={result.card}
      tz={props.tz}
      words={props.words}
      headline={<Marked parts={result.headline} />}
      lede={<Marked parts={result.snippet} />}
    />
  );
}

/** The query-string keys a search carries from page to page (the cursor is added by the next-page link). */
const CARRIED = ['q', 'section', 'author', 'from', 'to'] as const;

function SearchForm(props: { raw: Record<string, string | undefined>; edition: Edition; t: Translate }) {
  const { t } = props;
  return (
    // biome-ignore lint/a11y/useSemanticElements: role=search on the form is what every screen reader announces; <search> is too new for some.
    <form class="search-form" action={editionPath(props.edition, '/search')} method="get" role="search">
      <label for="search-q">{t('search.label')}</label>{' '}
      <input id="search-q" type="search" name="q" value={props.raw.q ?? ''} maxlength={MAX_QUERY_LENGTH} required />
      {(['section', 'author', 'from', 'to'] as const).map(
        (k) => props.raw[k] && <input type="hidden" name={k} value={props.raw[k]} />,
      )}{' '}
      <button class="button" type="submit">
        {t('search.button')}
      </button>
    </form>
  );
}

/** The same search in an edition (the next page when `after` is given). */
function searchHref(raw: Record<string, string | undefined>, edition: Edition, after?: string): string {
  const params = new URLSearchParams();
  for (const k of CARRIED) if (raw[k]) params.set(k, raw[k]!);
  if (after) params.set('after', after);
  return editionPath(edition, `/search?${params}`);
}

/** Links to the same search in the other editions that have matches (first page of an edition's search). */
function Elsewhere(props: {
  page: SearchPage;
  raw: Record<string, string | undefined>;
  editions: readonly Edition[];
  t: Translate;
}) {
  const links = props.page.elsewhere.flatMap(({ language, count }) => {
    const edition = props.editions.find((e) => e.code === language);
    return edition && count > 0 ? [{ edition, count }] : [];
  });
  if (!links.length) return null;
  return (
    <ul class="search-elsewhere">
      {links.map(({ edition, count }) => (
        <li>
          <a href={searchHref(props.raw, edition)} hreflang={edition.code}>
            {props.t('search.elsewhere', { count, edition: edition.name })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Results(props: {
  params: SearchParams;
  page: SearchPage;
  raw: Record<string, string | undefined>;
  tz: string;
  words: ListingWords;
  edition: Edition;
  editions: readonly Edition[];
}) {
  const { page } = props;
  const { t } = props.words;
  if (page.terms.length === 0) return <p class="empty">{t('search.noWords')}</p>;
  const elsewhere = <Elsewhere page={page} raw={props.raw} editions={props.editions} t={t} />;
  if (page.results.length === 0)
    return (
      <>
        <p class="empty">{props.params.after ? t('search.noMore') : t('search.none', { query: props.params.q })}</p>
        {elsewhere}
      </>
    );
  return (
    <>
      {elsewhere}
      <ol class="cards" aria-label={t('search.results')}>
        {page.results.map((r) => (
          <ResultCard result={r} tz={props.tz} words={props.words} />
        ))}
      </ol>
      {page.next && (
        <p class="more">
          <a class="button" href={searchHref(props.raw, props.edition, page.next)} rel="next">
            {t('search.more')}
          </a>
        </p>
      )}
    </>
  );
}

/**
 * `/search?q=…&section=&author=&from=&to=` in each edition (`/uk/search`): ranked results of the edition's own
 * language with marked hits, or help when empty. Stories of other languages are not mixed in: their scores are not
 * comparable, and a page in one language reads as one; a link says how many the other editions have, and runs the
 * same search there.
 */
export function searchSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/search', async (c) => {
    const raw = Object.fromEntries(['q', 'section', 'author', 'from', 'to', 'after'].map((k) => [k, c.req.query(k)]));
    const chrome = await loadChrome(deps, c.get('edition'));
    const { t } = chrome;
    const q = (raw.q ?? '').slice(0, MAX_QUERY_LENGTH);
    const respond = (body: Child, status = 200) => {
      // Popular searches during a breaking story are answered from memory until the next story change.
      cacheFor(c, [cacheKeys.chrome, cacheKeys.search]);
      return sendPage(
        c,
        <Layout
          chrome={chrome}
          title={q ? t('search.titleFor', { query: q }) : t('search.title')}
          head={<meta name="robots" content="noindex" />}
        >
          <h1 class="page-title">{t('search.title')}</h1>
          <SearchForm raw={{ ...raw, q: status === 200 ? raw.q : q }} edition={chrome.edition} t={t} />
          {body}
        </Layout>,
        status as 400,
      );
    };
    // A bad query is the reader's to fix: the form is shown again with what was wrong, in the edition's words.
    return withFormErrors(
      async () => {
        const params = parseInput(SearchParams, presentValues(raw), 'filter', t);
        return respond(
          params.q ? (
            <Results
              params={params}
              page={await search(deps, { ...params, language: chrome.edition.code })}
              raw={raw}
              tz={deps.config.timeZone}
              words={listingWords(chrome)}
              edition={chrome.edition}
              editions={chrome.editions}
            />
          ) : (
            <p class="empty">{t('search.help')}</p>
          ),
        );
      },
      (err) =>
        respond(
          <p class="notes" role="alert">
            {err.message}
          </p>,
          err.status,
        ),
    );
  });
}
