import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { CardRow } from '../stories/story.repo.js';
import { dialectOf } from './search.index.js';
import { MARK_END, MARK_START, type SearchCursor, fts5Match } from './search.query.js';

export interface SearchFilter {
  terms: readonly string[];
  sectionIds?: readonly number[];
  authorId?: number;
  /** Published at or after (epoch ms). */
  from?: number;
  /** Published before (epoch ms). */
  to?: number;
  after?: SearchCursor | null;
  limit: number;
}

export type SearchRow = CardRow & { score: number };

export interface Highlight {
  /** The headline with every hit between MARK_START and MARK_END. */
  headline: string;
  /** The best passage of the body (or dek), marked the same way; empty when neither matched. */
  snippet: string;
}

const CARD_SQL = sql.raw(
  's.id, s.slug, s.headline, s.excerpt, s.kind, s.published_at, s.updated_at, s.section_id, s.hero_image_id, s.hero_alt',
);

/** The filters both engines share, on the stories row aliased `s`. */
function storyFilters(f: SearchFilter): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [sql`s.status = 'published'`];
  if (f.sectionIds) out.push(sql`s.section_id in (${sql.join(f.sectionIds.length ? [...f.sectionIds] : [-1])})`);
  if (f.authorId !== undefined) out.push(sql`s.id in (select story_id from story_authors where author_id = ${f.authorId})`);
  if (f.from !== undefined) out.push(sql`s.published_at >= ${f.from}`);
  if (f.to !== undefined) out.push(sql`s.published_at < ${f.to}`);
  return out;
}

/**
 * One page of ranked results, best first (score, then newest id). SQLite ranks with FTS5's bm25
 * (negated, so higher is better on both engines), weighting headline 10, dek 4, body 1; PostgreSQL
 * with ts_rank over the weighted tsvector (headline A, dek B, body C).
 */
export async function searchStories(db: Kysely<Database>, f: SearchFilter): Promise<SearchRow[]> {
  if (f.terms.length === 0) return [];
  const after = f.after
    ? sql`where (score < ${f.after.score} or (score = ${f.after.score} and id < ${f.after.id}))`
    : sql``;
  const where = sql.join(storyFilters(f), sql` and `);
  const inner =
    dialectOf(db) === 'sqlite'
      ? sql`select ${CARD_SQL}, -bm25(story_search, 10.0, 4.0, 1.0) as score
            from story_search join stories s on s.id = story_search.rowid
            where story_search match ${fts5Match(f.terms)} and ${where}`
      : sql`select ${CARD_SQL}, ts_rank(ss.document, query) as score
            from story_search ss join stories s on s.id = ss.story_id,
                 plainto_tsquery('broadsheet_search', ${f.terms.join(' ')}) query
            where ss.document @@ query and ${where}`;
  const res = await sql<SearchRow>`select * from (${inner}) ranked ${after} order by score desc, id desc limit ${f.limit}`.execute(db);
  return res.rows.map((r) => ({ ...r, score: Number(r.score), published_at: Number(r.published_at), updated_at: Number(r.updated_at) }));
}

/** Marked headlines and snippets for the stories of one page (a second, small query). */
export async function highlights(db: Kysely<Database>, terms: readonly string[], ids: readonly number[]): Promise<Map<number, Highlight>> {
  if (ids.length === 0 || terms.length === 0) return new Map();
  const S = MARK_START;
  const E = MARK_END;
  type Row = { id: number; headline: string; body: string; dek: string };
  const res =
    dialectOf(db) === 'sqlite'
      ? await sql<Row>`select rowid as id, highlight(story_search, 0, ${S}, ${E}) as headline,
            snippet(story_search, 2, ${S}, ${E}, '…', 32) as body, highlight(story_search, 1, ${S}, ${E}) as dek
          from story_search where story_search match ${fts5Match(terms)} and rowid in (${sql.join([...ids])})`.execute(db)
      : await sql<Row>`select story_id as id,
            ts_headline('broadsheet_search', headline, query, ${`StartSel="${S}", StopSel="${E}", HighlightAll=true`}) as headline,
            ts_headline('broadsheet_search', body, query, ${`StartSel="${S}", StopSel="${E}", MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as body,
            ts_headline('broadsheet_search', dek, query, ${`StartSel="${S}", StopSel="${E}", HighlightAll=true`}) as dek
          from story_search, plainto_tsquery('broadsheet_search', ${terms.join(' ')}) query
          where story_id in (${sql.join([...ids])})`.execute(db);
  return new Map(
    res.rows.map((r) => [Number(r.id), { headline: r.headline, snippet: r.body.includes(S) ? r.body : r.dek.includes(S) ? r.dek : '' }]),
  );
}
