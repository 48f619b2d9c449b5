import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../app.deps.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { withFormErrors } from '../http/form-errors.js';
import { presentValues } from '../http/input.js';
import { parseInput } from '../lib/parse-input.js';
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

function SearchForm(props: { raw: Record<string, string | undefined> }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: role=search on the form is what every screen reader announces; <search> is too new for some.
    <form class="search-form" action="/search" method="get" role="search">
      <label for="search-q">Search stories</label>{' '}
      <input id="search-q" type="search" name="q" value={props.raw.q ?? ''} maxlength={MAX_QUERY_LENGTH} required />
      {(['section', 'author', 'from', 'to'] as const).map(
        (k) => props.raw[k] && <input type="hidden" name={k} value={props.raw[k]} />,
      )}{' '}
      <button class="button" type="submit">
        Search
      </button>
    </form>
  );
}

/** The link to the next page of results: the same search with the cursor. */
function nextHref(raw: Record<string, string | undefined>, next: string): string {
  const params = new URLSearchParams();
  for (const k of ['q', 'section', 'author', 'from', 'to'] as const) if (raw[k]) params.set(k, raw[k]!);
  params.set('after', next);
  return `/search?${params}`;
}

function Results(props: {
  params: SearchParams;
  page: SearchPage;
  raw: Record<string, string | undefined>;
  tz: string;
  words: ListingWords;
}) {
  const { page } = props;
  if (page.terms.length === 0)
    return <p class="empty">Type one or more words to search for — punctuation on its own finds nothing.</p>;
  if (page.results.length === 0)
    return (
      <p class="empty">
        {props.params.after
          ? 'No more results.'
          : `No stories match “${props.params.q}”. Try fewer or different words.`}
      </p>
    );
  return (
    <>
      <ol class="cards" aria-label="Search results">
        {page.results.map((r) => (
          <ResultCard result={r} tz={props.tz} words={props.words} />
        ))}
      </ol>
      {page.next && (
        <p class="more">
          <a class="button" href={nextHref(props.raw, page.next)} rel="next">
            More results
          </a>
        </p>
      )}
    </>
  );
}

/** `/search?q=…&section=&author=&from=&to=`: ranked results with marked hits, or help when empty. */
export function searchSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/search', async (c) => {
    const raw = Object.fromEntries(['q', 'section', 'author', 'from', 'to', 'after'].map((k) => [k, c.req.query(k)]));
    const chrome = await loadChrome(deps, c.get('edition'));
    const q = (raw.q ?? '').slice(0, MAX_QUERY_LENGTH);
    const respond = (body: Child, status = 200) => {
      // Popular searches during a breaking story are answered from memory until the next story change.
      cacheFor(c, [cacheKeys.chrome, cacheKeys.search]);
      return sendPage(
        c,
        <Layout chrome={chrome} title={q ? `Search: ${q}` : 'Search'} head={<meta name="robots" content="noindex" />}>
          <h1 class="page-title">Search</h1>
          <SearchForm raw={{ ...raw, q: status === 200 ? raw.q : q }} />
          {body}
        </Layout>,
        status as 400,
      );
    };
    // A bad query is the reader's to fix: the form is shown again with what was wrong.
    return withFormErrors(
      async () => {
        const params = parseInput(SearchParams, presentValues(raw), 'filter');
        return respond(
          params.q ? (
            <Results
              params={params}
              page={await search(deps, params)}
              raw={raw}
              tz={deps.config.timeZone}
              words={listingWords(chrome)}
            />
          ) : (
            <p class="empty">Search every published story by words in its headline, summary or text.</p>
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
