import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { AppError } from '../http/errors.js';
import { loadChrome } from '../ui/chrome.js';
import { Layout } from '../ui/layout.js';
import { StoryCard } from '../ui/news-feed-list.js';
import { sendPage } from '../ui/render.js';
import type { Segment } from './search.query.js';
import { MAX_QUERY_LENGTH } from './search.query.js';
import { type SearchPage, type SearchParams, type SearchResult, parseSearchParams, search } from './search.service.js';

/** Text with its hits in <mark>; every piece goes through hono/jsx, so it is escaped. */
function Marked(props: { parts: Segment[] }) {
  return <>{props.parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</>;
}

function ResultCard(props: { result: SearchResult; tz: string }) {
  const { result } = props;
  return <StoryCard card={result.card} tz={props.tz} headline={<Marked parts={result.headline} />} lede={<Marked parts={result.snippet} />} />;
}

function SearchForm(props: { raw: Record<string, string | undefined> }) {
  return (
    <form class="search-form" action="/search" method="get" role="search">
      <label for="search-q">Search stories</label>{' '}
      <input id="search-q" type="search" name="q" value={props.raw.q ?? ''} maxlength={MAX_QUERY_LENGTH} required />
      {(['section', 'author', 'from', 'to'] as const).map((k) => props.raw[k] && <input type="hidden" name={k} value={props.raw[k]} />)}{' '}
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

function Results(props: { params: SearchParams; page: SearchPage; raw: Record<string, string | undefined>; tz: string }) {
  const { page } = props;
  if (page.terms.length === 0) return <p class="empty">Type one or more words to search for — punctuation on its own finds nothing.</p>;
  if (page.results.length === 0)
    return <p class="empty">{props.params.after ? 'No more results.' : `No stories match “${props.params.q}”. Try fewer or different words.`}</p>;
  return (
    <>
      <ol class="cards" aria-label="Search results">
        {page.results.map((r) => (
          <ResultCard result={r} tz={props.tz} />
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
    const chrome = await loadChrome(deps);
    let body;
    let status: 200 | 400 = 200;
    try {
      const params = parseSearchParams(raw);
      body = params.q ? (
        <Results params={params} page={await search(deps, params)} raw={raw} tz={deps.config.timeZone} />
      ) : (
        <p class="empty">Search every published story by words in its headline, summary or text.</p>
      );
    } catch (err) {
      // A bad query is the reader's to fix: show the form again with what was wrong.
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      status = 400;
      body = (
        <p class="notes" role="alert">
          {err.message}
        </p>
      );
    }
    const q = (raw.q ?? '').slice(0, MAX_QUERY_LENGTH);
    // Popular searches during a breaking story are answered from memory until the next story change.
    cacheFor(c, [cacheKeys.chrome, cacheKeys.search]);
    return sendPage(
      c,
      <Layout chrome={chrome} title={q ? `Search: ${q}` : 'Search'} head={<meta name="robots" content="noindex" />}>
        <h1 class="page-title">Search</h1>
        <SearchForm raw={{ ...raw, q: status === 400 ? q : raw.q }} />
        {body}
      </Layout>,
      status,
    );
  });
}
