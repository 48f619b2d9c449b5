import { sql } from 'kysely';
import { rebuildSearchIndex } from '../../search/search-index.repo.js';
import type { DialectMigration } from './helpers.js';

/**
 * Search per edition and per language: the index holds each story's language and, instead of the text as written,
 * the tokens our own text processing makes of it (src/search/search.words.ts: case and accent folding, Ukrainian
 * and English stemming), the same on both engines; the engines only match and rank them.
 * SQLite: `story_search` is made again, with a `language` column and a tokenizer that folds nothing itself.
 * PostgreSQL: `language` is added, and `broadsheet_search` maps words to plain `simple` (no unaccent, which would
 * fold й into и). The index is derived data: it is rebuilt from the stories by today's code. Frozen; a later change
 * to the text processing adds a migration that rebuilds it again.
 */
export const m101SearchLanguages: DialectMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await sql`drop table story_search`.execute(db);
      await sql`create virtual table story_search using fts5(headline, dek, body, language, tokenize = 'unicode61 remove_diacritics 0')`.execute(
        db,
      );
    } else {
      await sql`alter text search configuration broadsheet_search alter mapping for hword, hword_part, word with simple`.execute(
        db,
      );
      await sql`alter table story_search add column language text not null default ''`.execute(db);
      await sql`delete from story_search`.execute(db);
    }
    await rebuildSearchIndex(db);
  },
};
