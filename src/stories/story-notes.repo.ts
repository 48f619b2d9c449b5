import type { DbHandle, StoryNote } from '../db/database.js';

/** A note as readers see it: its kind, text and time. */
export type NoteRow = Pick<StoryNote, 'kind' | 'body' | 'created_at'>;

/** A story's correction and update notes, oldest first. */
export async function notesForStory(db: DbHandle, storyId: number): Promise<NoteRow[]> {
  return db
    .selectFrom('story_notes')
    .select(['kind', 'body', 'created_at'])
    .where('story_id', '=', storyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Appends a correction or update note to a story. */
export async function insertNote(db: DbHandle, row: Omit<StoryNote, 'id'>): Promise<void> {
  await db.insertInto('story_notes').values(row).execute();
}
