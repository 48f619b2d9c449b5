import type { DbHandle } from '../db/database.js';

/** Someone counts as "has this story open" for this long after their page's last heartbeat. */
export const PRESENCE_TTL_MS = 60_000;

/** Records that a user has a story open now, and returns the others who have it open too. */
export async function heartbeat(
  db: DbHandle,
  storyId: number,
  userId: number,
  now: number,
): Promise<{ userId: number; name: string; since: number }[]> {
  await db
    .insertInto('story_presence')
    .values({ story_id: storyId, user_id: userId, seen_at: now })
    .onConflict((oc) => oc.columns(['story_id', 'user_id']).doUpdateSet({ seen_at: now }))
    .execute();
  return othersPresent(db, storyId, userId, now);
}

/** The other users whose page on this story sent a heartbeat recently. */
export async function othersPresent(db: DbHandle, storyId: number, userId: number, now: number) {
  const rows = await db
    .selectFrom('story_presence')
    .innerJoin('users', 'users.id', 'story_presence.user_id')
    .select(['users.id as userId', 'users.name as name', 'story_presence.seen_at as since'])
    .where('story_presence.story_id', '=', storyId)
    .where('story_presence.user_id', '!=', userId)
    .where('story_presence.seen_at', '>', now - PRESENCE_TTL_MS)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.userId, name: r.name, since: Number(r.since) }));
}
