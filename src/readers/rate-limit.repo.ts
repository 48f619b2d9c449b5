import type { DbHandle } from '../db/database.js';

/** Attempts counted in a bucket for a key since `since`. */
export async function countRateEvents(db: DbHandle, bucket: string, key: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('reader_rate_events')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts one attempt. */
export async function insertRateEvent(db: DbHandle, bucket: string, key: string, at: number): Promise<void> {
  await db.insertInto('reader_rate_events').values({ bucket, key, at }).execute();
}

/** Forgets attempts older than `before` (housekeeping: every window is far shorter than a day). */
export async function deleteRateEventsBefore(db: DbHandle, before: number): Promise<number> {
  const r = await db.deleteFrom('reader_rate_events').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
