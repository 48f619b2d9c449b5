import type { AppDeps } from '../app.deps.js';
import { authorBySlug } from '../authors/author.repo.js';
import type { StoryCardView } from '../news-feed/card.present.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { badRequest } from '../http/errors.js';
import { descendantIds } from '../sections/section.repo.js';
import { keysetPage } from '../lib/cursor.js';
import { type SearchFilter, highlights, searchCursor, searchKeys, searchStories } from './search.repo.js';
import type { SearchParams } from './search.input.js';
import { type Segment, searchTerms, segments } from './search.query.js';

export interface SearchResult {
  card: StoryCardView;
  score: number;
  headline: Segment[];
  snippet: Segment[];
}

export interface SearchPage {
  terms: string[];
  results: SearchResult[];
  /** Cursor of the next page of results, or null at the end. */
  next: string | null;
}

const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * Runs a search: resolves the section (with every section nested under it) and author filters,
 * fetches one ranked page plus one row to know whether another follows, then marks the hits.
 */
export async function search(
  deps: Pick<AppDeps, 'db' | 'media' | 'lookups' | 'searchIndex'>,
  p: SearchParams,
): Promise<SearchPage> {
  // Stories this process just wrote are found (the index follows their events a moment after the write).
  await deps.searchIndex.settled();
  const terms = searchTerms(p.q);
  const filter: Omit<SearchFilter, 'limit'> = { terms, after: searchCursor.decode(p.after) };
  if (p.section) {
    const all = await deps.lookups.sections();
    const section = all.find((s) => s.slug === p.section);
    if (!section) throw badRequest(`There is no section "${p.section}".`);
    filter.sectionIds = descendantIds(all, section.id);
  }
  if (p.author) {
    const author = await authorBySlug(deps.db, p.author);
    if (!author) throw badRequest(`There is no author "${p.author}".`);
    filter.authorId = author.id;
  }
  if (p.from) filter.from = dayStart(p.from);
  // "to" is inclusive: the whole of that day (UTC).
  if (p.to) filter.to = dayStart(p.to) + 86_400_000;
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to)
    throw badRequest('The "from" date must not be after the "to" date.');
  const { items: page, next } = await keysetPage(searchCursor, searchKeys, p.limit, (take) =>
    searchStories(deps.db, { ...filter, limit: take }),
  );
  const [cards, marks] = await Promise.all([
    presentCards(deps, page),
    highlights(
      deps.db,
      terms,
      page.map((r) => r.id),
    ),
  ]);
  return {
    terms,
    results: page.map((r, i) => {
      const m = marks.get(r.id);
      return {
        card: cards[i]!,
        score: r.score,
        headline: segments(m?.headline ?? r.headline),
        snippet: m?.snippet ? segments(m.snippet) : [{ text: r.excerpt, hit: false }],
      };
    }),
    next,
  };
}
