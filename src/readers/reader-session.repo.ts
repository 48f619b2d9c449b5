import type { Insertable } from 'kysely';
import type { DbHandle, Reader, ReaderSession, ReaderSessionTable } from '../db/database.js';

/** Stores a reader's session (its token hashed). */
export async function insertReaderSession(db: DbHandle, row: Insertable<ReaderSessionTable>): Promise<void> {
  await db.insertInto('reader_sessions').values(row).execute();
}

/** A live session by its token's hash, with its reader: not revoked, not expired, the account not erased. */
export async function readerSessionByHash(
  db: DbHandle,
  tokenHash: string,
  now: number,
): Promise<{ session: ReaderSession; reader: Reader } | undefined> {
  const session = await db
    .selectFrom('reader_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const reader = await db
    .selectFrom('readers')
    .selectAll()
    .where('id', '=', session.reader_id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return reader ? { session, reader } : undefined;
}

/** Moves a session's last use (and its end: sessions live on while used). */
export async function touchReaderSession(db: DbHandle, id: number, now: number, expiresAt: number): Promise<void> {
  await db
    .updateTable('reader_sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** Revokes one session by its token's hash. */
export async function revokeReaderSessionByHash(db: DbHandle, tokenHash: string, now: number): Promise<void> {
  await db
    .updateTable('reader_sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every session of a reader ("sign out everywhere", an erased account). Returns how many. */
export async function revokeReaderSessions(db: DbHandle, readerId: number, now: number): Promise<number> {
  const r = await db
    .updateTable('reader_sessions')
    .set({ revoked_at: now })
    .where('reader_id', '=', readerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A reader's live sessions, newest use first (the account page lists them). */
export async function listReaderSessions(db: DbHandle, readerId: number, now: number): Promise<ReaderSession[]> {
  return db
    .selectFrom('reader_sessions')
    .selectAll()
    .where('reader_id', '=', readerId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}
