import { sql } from 'kysely';
import type { DialectMigration } from './helpers.js';

/**
 * PostgreSQL: a small ranking vector next to the full `document`. Ranking every match on the full
 * body meant detoasting and scoring a few kilobytes per match (about a second for a common word on
 * 100,000 stories); this vector covers the headline (A), dek (B) and the body's opening (C) — the
 * lede, where news puts what a story is about — and stays inline in the row. Matching still uses
 * the full document under its GIN index. SQLite's FTS5 bm25 is fast enough on the full text. Frozen.
 */
export const m042SearchRank: DialectMigration = {
  async up(db, dialect) {
    if (dialect !== 'postgres') return;
    await sql`alter table story_search add column rank_vector tsvector generated always as (
      setweight(to_tsvector('broadsheet_search', headline), 'A') ||
      setweight(to_tsvector('broadsheet_search', dek), 'B') ||
      setweight(to_tsvector('broadsheet_search', left(body, 600)), 'C')
    ) stored`.execute(db);
    // Kept uncompressed in the row: decompressing it per match cost as much as the ranking saved.
    // PostgreSQL 15 cannot say so when adding the column, so the rows are rewritten once with it.
    await sql`alter table story_search alter column rank_vector set storage plain`.execute(db);
    await sql`update story_search set headline = headline`.execute(db);
  },
};
