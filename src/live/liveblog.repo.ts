import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbHandle, LiveblogEntryTable } from '../db/database.js';

export type EntryRow = Selectable<LiveblogEntryTable>;
/** An entry with its blog's language: the words it is shown in. */
export type BlogEntryRow = EntryRow & { language: string };

/** Most entries a live-blog page shows; a day of heavy coverage stays well under it. */
export const ENTRY_PAGE_LIMIT = 300;

/** A blog's entries as readers see them: pinned first, then newest first. */
export async function entriesForBlog(db: DbHandle, storyId: number, limit = ENTRY_PAGE_LIMIT): Promise<EntryRow[]> {
  return db
    .selectFrom('liveblog_entries')
    .selectAll()
    .where('story_id', '=', storyId)
    .orderBy('pinned', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function entryById(db: DbHandle, id: number): Promise<EntryRow | undefined> {
  return db.selectFrom('liveblog_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Entries by id, with their blog's language, in one query. */
export async function entriesByIds(db: DbHandle, ids: readonly number[]): Promise<BlogEntryRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('liveblog_entries')
    .innerJoin('stories', 'stories.id', 'liveblog_entries.story_id')
    .selectAll('liveblog_entries')
    .select('stories.language')
    .where('liveblog_entries.id', 'in', [...ids])
    .execute();
}

export async function insertEntry(db: DbHandle, row: Insertable<LiveblogEntryTable>): Promise<EntryRow> {
  return db.insertInto('liveblog_entries').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntryRow(
  db: DbHandle,
  id: number,
  patch: Updateable<LiveblogEntryTable>,
): Promise<EntryRow | undefined> {
  return db.updateTable('liveblog_entries').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteEntryRow(db: DbHandle, id: number): Promise<void> {
  await db.deleteFrom('liveblog_entries').where('id', '=', id).execute();
}

/** Sets (or clears, with null) the end of a live blog's coverage. */
export async function setCoverageEnded(db: DbHandle, storyId: number, endedAt: number | null): Promise<void> {
  await db.updateTable('stories').set({ coverage_ended_at: endedAt }).where('id', '=', storyId).execute();
}

/** Whether an author is on a story's byline (authors may write entries on blogs they are on). */
export async function isStoryAuthor(db: DbHandle, storyId: number, authorId: number): Promise<boolean> {
  const row = await db
    .selectFrom('story_authors')
    .select('story_id')
    .where('story_id', '=', storyId)
    .where('author_id', '=', authorId)
    .executeTakeFirst();
  return Boolean(row);
}
