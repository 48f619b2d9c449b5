import { sql } from 'kysely';
import type { DialectMigration } from './helpers.js';

/**
 * Full-text search over published stories (headline, dek, body text), then a backfill. Frozen.
 * SQLite: an FTS5 table `story_search` whose rowid is the story id (unicode61 folds case in every
 * script, remove_diacritics 2 makes "cafe" find "café" while leaving Cyrillic й/ї distinct).
 * PostgreSQL: a table `story_search` with the text and a generated, weighted tsvector under a GIN
 * index, on a text search configuration `broadsheet_search`: the 'simple' parser (no English
 * stemming, so Ukrainian and English words are both kept whole and lower-cased) plus unaccent when
 * the server offers it. Only published stories have a row; the writers keep it in step.
 */
export const m040Search: DialectMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await sql`create virtual table story_search using fts5(headline, dek, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
        db,
      );
      // A deleted story leaves the index with it, whoever deletes it.
      await sql`create trigger story_search_on_delete after delete on stories begin delete from story_search where rowid = old.id; end`.execute(
        db,
      );
    } else {
      const unaccent = await sql<{
        ok: number;
      }>`select 1 as ok from pg_available_extensions where name = 'unaccent'`.execute(db);
      await sql`create text search configuration broadsheet_search (copy = simple)`.execute(db);
      if (unaccent.rows.length) {
        await sql`create extension if not exists unaccent`.execute(db);
        await sql`alter text search configuration broadsheet_search alter mapping for hword, hword_part, word with unaccent, simple`.execute(
          db,
        );
      }
      await sql`create table story_search (
        story_id integer primary key references stories(id) on delete cascade,
        headline text not null,
        dek text not null,
        body text not null,
        document tsvector generated always as (
          setweight(to_tsvector('broadsheet_search', headline), 'A') ||
          setweight(to_tsvector('broadsheet_search', dek), 'B') ||
          setweight(to_tsvector('broadsheet_search', body), 'C')
        ) stored
      )`.execute(db);
      await sql`create index story_search_document on story_search using gin (document)`.execute(db);
    }
    await backfill(db, dialect);
  },
};

/** Plain text of a stored body, as it was shaped when this migration was written. */
function bodyText(json: string): string {
  const out: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') {
      if (key === 'text' || key === 'caption' || key === 'attribution') out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  try {
    walk(JSON.parse(json));
  } catch {
    return '';
  }
  // Control characters are never indexed: the search code marks hits with them.
  return out.join('\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

async function backfill(db: Parameters<DialectMigration['up']>[0], dialect: string): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; headline: string; dek: string; body: string }[] = await db
      .selectFrom('stories')
      .select(['id', 'headline', 'dek', 'body'])
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    const values = rows.map((r) => ({ headline: r.headline, dek: r.dek, body: bodyText(r.body) }));
    if (dialect === 'sqlite')
      await db
        .insertInto('story_search')
        .values(rows.map((r, i) => ({ rowid: r.id, ...values[i] })))
        .execute();
    else
      await db
        .insertInto('story_search')
        .values(rows.map((r, i) => ({ story_id: r.id, ...values[i] })))
        .execute();
    after = rows[rows.length - 1]!.id;
  }
}
