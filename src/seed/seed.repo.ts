import type { Insertable } from 'kysely';
import type { CommentReportTable, CommentTable, DbHandle, ModerationActionTable, ReaderTable } from '../db/database.js';

/** The demo's words in another edition: its sections', tags' and authors' rows for that language, inserted at once. */
export async function insertNameTranslations(
  db: DbHandle,
  rows: {
    sections: { section_id: number; language: string; name: string; description: string }[];
    tags: { tag_id: number; language: string; name: string; description: string }[];
    authors: { author_id: number; language: string; role_title: string; bio: string; short_bio: string }[];
  },
): Promise<void> {
  if (rows.sections.length) await db.insertInto('section_translations').values(rows.sections).execute();
  if (rows.tags.length) await db.insertInto('tag_translations').values(rows.tags).execute();
  if (rows.authors.length) await db.insertInto('author_translations').values(rows.authors).execute();
}

/** Inserts the demo's readers in one statement. */
export async function insertDemoReaders(db: DbHandle, rows: Insertable<ReaderTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('readers').values(rows).execute();
}

/** The demo readers who may comment (confirmed, not banned), with their language. */
export async function commentingReaders(db: DbHandle): Promise<{ id: number; language: string }[]> {
  return db
    .selectFrom('readers')
    .select(['id', 'language'])
    .where('confirmed_at', 'is not', null)
    .where('comments_banned_at', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** A language's newest published stories (those the demo's readers comment on). */
export async function newestPublished(
  db: DbHandle,
  language: string,
  limit: number,
): Promise<{ id: number; published_at: number }[]> {
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'published_at'])
    .where('status', '=', 'published')
    .where('language', '=', language)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, published_at: r.published_at ?? 0 }));
}

/** Inserts the demo's comments in one statement per batch; returns their ids in order. */
export async function insertDemoComments(db: DbHandle, rows: Insertable<CommentTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200)
    ids.push(
      ...(
        await db
          .insertInto('comments')
          .values(rows.slice(i, i + 200))
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
  return ids;
}

/** The demo's reader reports, and the moderation log's rows for them. */
export async function insertDemoReports(
  db: DbHandle,
  reports: Insertable<CommentReportTable>[],
  actions: Insertable<ModerationActionTable>[],
): Promise<void> {
  if (reports.length) await db.insertInto('comment_reports').values(reports).execute();
  if (actions.length) await db.insertInto('moderation_actions').values(actions).execute();
}
