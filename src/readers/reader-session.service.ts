import type { CoreDeps } from '../core.deps.js';
import type { Reader, ReaderSession } from '../db/database.js';
import {
  insertReaderSession,
  readerSessionByHash,
  revokeReaderSessionByHash,
  revokeReaderSessions,
  touchReaderSession,
} from './reader-session.repo.js';
import { READER_TOKEN_PATTERN, hashReaderToken, newReaderToken } from './reader-token.js';

/** A reader stays signed in this long after their last visit (long-lived; revocable one by one or all at once). */
export const READER_SESSION_TTL_MS = 180 * 24 * 3600_000;
/** last_seen_at (and the sliding end) is written at most this often: reads do not become writes on every request. */
const TOUCH_EVERY_MS = 3600_000;

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

/** Starts a session for a reader; returns the token for the cookie (a fresh one each time: no fixation). */
export async function createReaderSession(deps: Deps, reader: Reader, userAgent: string): Promise<string> {
  const token = newReaderToken();
  const now = deps.clock();
  await insertReaderSession(deps.db, {
    token_hash: hashReaderToken(token),
    reader_id: reader.id,
    user_agent: userAgent.slice(0, 300),
    created_at: now,
    last_seen_at: now,
    expires_at: now + READER_SESSION_TTL_MS,
    revoked_at: null,
  });
  return token;
}

/** The live session a token names, with its reader; null for anything else. Touches it at most once an hour. */
export async function findReaderSession(
  deps: Deps,
  token: string | undefined,
): Promise<{ session: ReaderSession; reader: Reader } | null> {
  if (!token || !READER_TOKEN_PATTERN.test(token)) return null;
  const now = deps.clock();
  const found = await readerSessionByHash(deps.db, hashReaderToken(token), now);
  if (!found) return null;
  if (now - found.session.last_seen_at > TOUCH_EVERY_MS)
    await touchReaderSession(deps.db, found.session.id, now, now + READER_SESSION_TTL_MS);
  return found;
}

/** Ends the session a token names. */
export async function endReaderSessionByToken(deps: Deps, token: string | undefined): Promise<void> {
  if (token && READER_TOKEN_PATTERN.test(token))
    await revokeReaderSessionByHash(deps.db, hashReaderToken(token), deps.clock());
}

/** "Sign out everywhere": revokes every session of the reader. Returns how many were live. */
export function endAllReaderSessions(deps: Deps, readerId: number): Promise<number> {
  return revokeReaderSessions(deps.db, readerId, deps.clock());
}
