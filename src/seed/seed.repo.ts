import type { Insertable } from 'kysely';
import type { DbHandle, ReaderTable } from '../db/database.js';

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
