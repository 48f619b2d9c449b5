import { type RawBuilder, sql } from 'kysely';
import type { DbHandle } from '../db/database.js';
import type { CardRow } from '../stories/story.repo.js';
import { dialectOf } from '../db/dialect.js';
import { type CursorOf, cursorCodec } from '../lib/cursor.js';
import { fts5Match, tsQuery } from './search.query.js';

/**
 * The cursor of ranked results: their order, score (higher first) then id (higher first); the next page starts
 * strictly after (score, id). Scores are read back from the engine and sent back unchanged, so the comparison
 * is exact; a page may shift if the index changes between requests, which is the usual trade-off of ranked
 * lists (no OFFSET scan, no server state).
 */
export const searchCursor = cursorCodec({ score: 'number', id: 'id' });

/** A result's place in that order. */
export const searchKeys = (r: Pick<SearchRow, 'score' | 'id'>): CursorOf<typeof searchCursor> => ({
  score: r.score,
  id: r.id,
});

export interface SearchFilter {
  /** Each query word's index tokens (search.query.ts `termTokens`): every word must match, in any of its tokens. */
  words: readonly string[][];
  /** Only stories in this language (an edition's). */
  language?: string;
  sectionIds?: readonly number[];
  authorId?: number;
  /** Published at or after (epoch ms). */
  from?: number;
  /** Published before (epoch ms). */
  to?: number;
  after?: CursorOf<typeof searchCursor> | null;
  limit: number;
}

export type SearchRow = CardRow & { score: number };

const CARD_SQL = sql.raw(
  's.id, s.slug, s.headline, s.excerpt, s.kind, s.published_at, s.updated_at, s.section_id, s.hero_image_id, s.hero_alt',
);

/** The stories the filters allow, as a subquery of ids; null when there is no filter. */
function filteredIds(f: Pick<SearchFilter, 'sectionIds' | 'authorId' | 'from' | 'to'>): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (f.sectionIds) parts.push(sql`s.section_id in (${sql.join(f.sectionIds.length ? [...f.sectionIds] : [-1])})`);
  if (f.authorId !== undefined)
    parts.push(sql`s.id in (select story_id from story_authors where author_id = ${f.authorId})`);
  if (f.from !== undefined) parts.push(sql`s.published_at >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`s.published_at < ${f.to}`);
  return parts.length
    ? sql`select s.id from stories s where s.status = 'published' and ${sql.join(parts, sql` and `)}`
    : null;
}

/**
 * One page of ranked results, best first (score, then newest id). SQLite ranks with FTS5's bm25
 * (negated, so higher is better on both engines), weighting headline 10, dek 4, body 1; PostgreSQL
 * with ts_rank over a weighted vector of headline (A), dek (B) and the body's opening (C) — see
 * migration 042; a match further into the body still counts, ranked below (then newest first).
 * The ranking runs on the index alone (filters as an id subquery) and only the page's rows are
 * joined to stories: joining every match first cost several times more on 100,000 stories.
 * On SQLite the unary `+` keeps the id filter away from FTS5: handed to the virtual table as a
 * rowid constraint, it ran one full-text lookup per allowed id (minutes on a big section).
 */
export async function searchStories(db: DbHandle, f: SearchFilter): Promise<SearchRow[]> {
  if (f.words.length === 0) return [];
  const ids = filteredIds(f);
  const after = f.after
    ? sql`where score < ${f.after.score} or (score = ${f.after.score} and id < ${f.after.id})`
    : sql``;
  const sqlite = dialectOf(db) === 'sqlite';
  // PostgreSQL: the matches are gathered through the GIN index on their own (materialized), then
  // filtered; with the filter inside, the planner scanned and detoasted every row instead.
  const matched = sqlite
    ? sql``
    : sql`matched as materialized (select story_id as id, ts_rank(rank_vector, query) as score
            from story_search, to_tsquery('broadsheet_search', ${tsQuery(f.words)}) query where document @@ query
            ${f.language ? sql`and language = ${f.language}` : sql``}),`;
  const ranked = sqlite
    ? sql`select rowid as id, -bm25(story_search, 10.0, 4.0, 1.0, 0.0) as score from story_search
          where story_search match ${fts5Match(f.words, { is: f.language })} ${ids ? sql`and +rowid in (${ids})` : sql``}`
    : sql`select id, score from matched ${ids ? sql`where id in (${ids})` : sql``}`;
  const res = await sql<SearchRow>`with ${matched} ranked as (${ranked}),
      page as (select id, score from ranked ${after} order by score desc, id desc limit ${f.limit})
    select ${CARD_SQL}, page.score from page join stories s on s.id = page.id
    where s.status = 'published' order by page.score desc, page.id desc`.execute(db);
  return res.rows.map((r) => ({
    ...r,
    score: Number(r.score),
    published_at: Number(r.published_at),
    updated_at: Number(r.updated_at),
  }));
}

/**
 * How many stories in `language` match the same words and filters (an edition's search offers the other editions'
 * matches as a link). On the index alone: on SQLite the language is a term of the MATCH, so no row is read.
 */
export async function countMatches(
  db: DbHandle,
  f: Omit<SearchFilter, 'after' | 'limit' | 'language'>,
  language: string,
): Promise<number> {
  if (f.words.length === 0) return 0;
  const ids = filteredIds(f);
  const res =
    dialectOf(db) === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from story_search
          where story_search match ${fts5Match(f.words, { is: language })} ${ids ? sql`and +rowid in (${ids})` : sql``}`.execute(
          db,
        )
      : await sql<{ n: number }>`select count(*) as n
          from story_search, to_tsquery('broadsheet_search', ${tsQuery(f.words)}) query
          where document @@ query and language = ${language} ${ids ? sql`and story_id in (${ids})` : sql``}`.execute(
          db,
        );
  return Number(res.rows[0]?.n ?? 0);
}
