import type { Insertable } from 'kysely';
import type { StoryPending, StoryPendingTable, StoryRevision, StoryRevisionTable, DbHandle } from '../db/database.js';

/** The newest revision number of a story (0 when it was never saved in the desk). */
export async function latestRevisionNumber(db: DbHandle, storyId: number): Promise<number> {
  const row = await db
    .selectFrom('story_revisions')
    .select((eb) => eb.fn.max('revision').as('n'))
    .where('story_id', '=', storyId)
    .executeTakeFirst();
  return row?.n === null || row?.n === undefined ? 0 : Number(row.n);
}

export async function revisionByNumber(
  db: DbHandle,
  storyId: number,
  revision: number,
): Promise<StoryRevision | undefined> {
  return db
    .selectFrom('story_revisions')
    .selectAll()
    .where('story_id', '=', storyId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

export async function latestRevision(db: DbHandle, storyId: number): Promise<StoryRevision | undefined> {
  return db
    .selectFrom('story_revisions')
    .selectAll()
    .where('story_id', '=', storyId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A story's revisions, newest first, without their snapshots (the list page). */
export async function listRevisions(db: DbHandle, storyId: number, limit = 200) {
  return db
    .selectFrom('story_revisions')
    .select(['id', 'story_id', 'revision', 'user_id', 'user_name', 'kind', 'created_at'])
    .where('story_id', '=', storyId)
    .orderBy('revision', 'desc')
    .limit(limit)
    .execute();
}

export async function insertRevision(db: DbHandle, row: Insertable<StoryRevisionTable>): Promise<StoryRevision> {
  return db.insertInto('story_revisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertPending(db: DbHandle, row: Insertable<StoryPendingTable>): Promise<StoryPending> {
  return db.insertInto('story_pending').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Scheduled updates of a story that have not gone live and were not cancelled. */
export async function openPending(db: DbHandle, storyId: number): Promise<StoryPending[]> {
  return db
    .selectFrom('story_pending')
    .selectAll()
    .where('story_id', '=', storyId)
    .where('applied_at', 'is', null)
    .where('cancelled', '=', 0)
    .orderBy('go_live_at')
    .execute();
}

export async function cancelPending(db: DbHandle, storyId: number): Promise<void> {
  await db
    .updateTable('story_pending')
    .set({ cancelled: 1 })
    .where('story_id', '=', storyId)
    .where('applied_at', 'is', null)
    .execute();
}

/** Scheduled updates whose time has come. */
export async function duePending(db: DbHandle, now: number, limit = 50): Promise<StoryPending[]> {
  return db
    .selectFrom('story_pending')
    .selectAll()
    .where('applied_at', 'is', null)
    .where('cancelled', '=', 0)
    .where('go_live_at', '<=', now)
    .orderBy('go_live_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a due scheduled update with one conditional UPDATE: only one process (or request) sees
 * a row change, so the update goes live exactly once however many schedulers run.
 */
export async function claimPending(db: DbHandle, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('story_pending')
    .set({ applied_at: now })
    .where('id', '=', id)
    .where('applied_at', 'is', null)
    .where('cancelled', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
