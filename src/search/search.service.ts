import type { AppDeps } from '../app.deps.js';
import { authorBySlug } from '../authors/author.repo.js';
import type { StoryCardView } from '../news-feed/card.present.js';
import { presentCards } from '../news-feed/news-feed.service.js';
import { badRequest } from '../http/errors.js';
import { descendantIds } from '../sections/section.tree.js';
import { keysetPage } from '../lib/cursor.js';
import { indexableStories, searchableBody } from './search-index.repo.js';
import { bestPassage, hasHit, markHits } from './search.highlight.js';
import { type SearchFilter, countMatches, searchCursor, searchKeys, searchStories } from './search.repo.js';
import type { SearchParams } from './search.input.js';
import { type Segment, searchTerms, termTokens } from './search.query.js';

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
  /**
   * In a search of one language (an edition's), how many stories of each other language match too, on the first
   * page only (a link offers them); empty otherwise.
   */
  elsewhere: { language: string; count: number }[];
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
  const words = termTokens(terms);
  const filter: Omit<SearchFilter, 'limit'> = { words, after: searchCursor.decode(p.after) };
  let otherLanguages: string[] = [];
  if (p.language) {
    const { editions } = await deps.lookups.settings();
    if (!editions.some((e) => e.code === p.language))
      throw badRequest(`There is no edition in the language "${p.language}".`);
    filter.language = p.language;
    otherLanguages = editions.map((e) => e.code).filter((code) => code !== p.language);
  }
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
  const [cards, sources, others] = await Promise.all([
    presentCards(deps, page),
    indexableStories(
      deps.db,
      page.map((r) => r.id),
    ),
    Promise.all(p.after ? [] : otherLanguages.map((language) => countMatches(deps.db, filter, language))),
  ]);
  const wanted = new Set(words.flat());
  const byId = new Map(sources.map((s) => [s.id, s]));
  return {
    terms,
    results: page.map((r, i) => {
      const story = byId.get(r.id);
      const body = story ? bestPassage(searchableBody(story.body), wanted) : [];
      const dek = story ? markHits(story.dek, wanted) : [];
      return {
        card: cards[i]!,
        score: r.score,
        headline: markHits(r.headline, wanted),
        snippet: body.length ? body : hasHit(dek) ? dek : [{ text: r.excerpt, hit: false }],
      };
    }),
    next,
    elsewhere: otherLanguages.map((language, i) => ({ language, count: others[i] ?? 0 })).filter((o) => o.count > 0),
  };
}
