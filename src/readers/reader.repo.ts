import type { Insertable, Updateable } from 'kysely';
import type { DbHandle, Reader, ReaderTable, ReaderTokenPurpose, ReaderTokenTable } from '../db/database.js';

/** A reader by address (lower-cased by the caller: addresses are stored that way). Erased accounts included. */
export async function findReaderByEmail(db: DbHandle, email: string): Promise<Reader | undefined> {
  return db.selectFrom('readers').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A reader by id. */
export async function findReaderById(db: DbHandle, id: number): Promise<Reader | undefined> {
  return db.selectFrom('readers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds a reader; on a race with another insert of the same address, nothing is written (the caller reads it). */
export async function insertReader(db: DbHandle, row: Insertable<ReaderTable>): Promise<Reader | undefined> {
  return db
    .insertInto('readers')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes a reader's fields. */
export async function updateReader(db: DbHandle, id: number, patch: Updateable<ReaderTable>): Promise<void> {
  await db.updateTable('readers').set(patch).where('id', '=', id).execute();
}

/** Sets confirmed_at when it is not set yet (following any emailed link confirms the address). */
export async function confirmReader(db: DbHandle, id: number, now: number): Promise<void> {
  await db
    .updateTable('readers')
    .set({ confirmed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .execute();
}

/** Stores an emailed link's token (hashed). */
export async function insertReaderToken(db: DbHandle, row: Insertable<ReaderTokenTable>): Promise<void> {
  await db.insertInto('reader_tokens').values(row).execute();
}

/** A stored link token by its hash, with what it is for. */
export async function findReaderToken(db: DbHandle, tokenHash: string) {
  return db.selectFrom('reader_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks a token used, only if it is still unused and unexpired: true when this call did it. The one guard that
 * makes a link single-use when two requests race with it (one UPDATE; the loser changes no row).
 */
export async function useReaderToken(db: DbHandle, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('reader_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a reader's unused tokens of one purpose (a newer link replaces older ones). */
export async function deleteUnusedTokens(db: DbHandle, readerId: number, purpose: ReaderTokenPurpose): Promise<void> {
  await db
    .deleteFrom('reader_tokens')
    .where('reader_id', '=', readerId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Deletes tokens that expired before `before` (housekeeping). */
export async function deleteExpiredTokens(db: DbHandle, before: number): Promise<void> {
  await db.deleteFrom('reader_tokens').where('expires_at', '<', before).execute();
}
