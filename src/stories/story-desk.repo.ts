import type { Insertable, Selectable } from 'kysely';
import type { DbHandle, StoryComment, StoryCommentTable, StoryDeskTable } from '../db/database.js';

/** A story's desk-only state: who created it (ownership) and its approval. */
export type StoryDeskRow = Selectable<StoryDeskTable>;

/** The desk state of a new story: its creator, not approved. */
export async function insertStoryDesk(db: DbHandle, storyId: number, createdBy: number): Promise<void> {
  await db
    .insertInto('story_desk')
    .values({ story_id: storyId, created_by: createdBy, approved_by: null, approved_at: null })
    .execute();
}

/** A story's desk state; undefined for a story made outside the desk (an import, the API before it had one). */
export async function storyDesk(db: DbHandle, storyId: number): Promise<StoryDeskRow | undefined> {
  return db.selectFrom('story_desk').selectAll().where('story_id', '=', storyId).executeTakeFirst();
}

/** Marks a story approved by a user at a time (a story without a desk row gets one). */
export async function setApproval(db: DbHandle, storyId: number, userId: number, at: number): Promise<void> {
  await db
    .insertInto('story_desk')
    .values({ story_id: storyId, created_by: null, approved_by: userId, approved_at: at })
    .onConflict((oc) => oc.column('story_id').doUpdateSet({ approved_by: userId, approved_at: at }))
    .execute();
}

/** Withdraws a story's approval (it was submitted again or returned). */
export async function clearApproval(db: DbHandle, storyId: number): Promise<void> {
  await db
    .updateTable('story_desk')
    .set({ approved_by: null, approved_at: null })
    .where('story_id', '=', storyId)
    .execute();
}

/** Adds a line to a story's review history. */
export async function insertComment(db: DbHandle, row: Insertable<StoryCommentTable>): Promise<void> {
  await db.insertInto('story_comments').values(row).execute();
}

/** A story's review history, oldest first. */
export async function commentsForStory(db: DbHandle, storyId: number): Promise<StoryComment[]> {
  return db
    .selectFrom('story_comments')
    .selectAll()
    .where('story_id', '=', storyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
