import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../app.deps.js';
import type { Session, User } from '../db/database.js';
import { deleteSession, deleteUserSessions, insertSession, sessionWithUser, touchSession } from './user.repo.js';

/** How long a session lives without signing in again. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
/** last_seen_at is written at most this often, so reads do not turn into writes on every request. */
const TOUCH_EVERY_MS = 60_000;

type SessionDeps = Pick<AppDeps, 'db' | 'clock'>;

/** A random URL-safe token. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** The stored form of a token: its SHA-256 in hex. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Starts a new session for a user and returns its token (a fresh one every sign-in: no session fixation).
 * Only the token's hash is stored; the HTTP layer (session.cookie.ts) puts the token in the cookie.
 */
export async function createSession(
  deps: SessionDeps,
  user: User,
  meta: { ip: string; userAgent: string },
): Promise<string> {
  const token = randomToken();
  const now = deps.clock();
  await insertSession(deps.db, {
    id_hash: tokenHash(token),
    user_id: user.id,
    csrf_token: randomToken(24),
    ip: meta.ip.slice(0, 100),
    user_agent: meta.userAgent.slice(0, 300),
    created_at: now,
    last_seen_at: now,
    expires_at: now + SESSION_TTL_MS,
  });
  return token;
}

/** The session a token names, with its user; null when unknown, expired or disabled. Touches it at most once a minute. */
export async function findSession(
  deps: SessionDeps,
  token: string | undefined,
): Promise<{ session: Session; user: User } | null> {
  if (!token || token.length > 100) return null;
  const now = deps.clock();
  const found = await sessionWithUser(deps.db, tokenHash(token), now);
  if (!found) return null;
  if (now - found.session.last_seen_at > TOUCH_EVERY_MS) await touchSession(deps.db, found.session.id_hash, now);
  return found;
}

/** Ends the session a token names (nothing happens for an unknown one). */
export async function endSessionByToken(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (token) await deleteSession(deps.db, tokenHash(token));
}

/** Ends every session of a user ("Sign out everywhere" on their own desk). */
export async function endEveryUserSession(deps: Pick<SessionDeps, 'db'>, userId: number): Promise<void> {
  await deleteUserSessions(deps.db, userId);
}
