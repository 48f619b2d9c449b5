import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app.deps.js';
import type { Session, User } from '../db/database.js';
import { deleteSession, insertSession, sessionWithUser, touchSession } from './user.repo.js';

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'bs_session';
/** The cookie that carries the CSRF token of a visitor who has not signed in yet (login, setup, invite forms). */
export const ANON_CSRF_COOKIE = 'bs_csrf';
/** How long a session lives without signing in again. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
/** last_seen_at is written at most this often, so reads do not turn into writes on every request. */
const TOUCH_EVERY_MS = 60_000;

type SessionDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** A random URL-safe token. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** The stored form of a token: its SHA-256 in hex. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Cookie options: HttpOnly, SameSite=Lax, Secure when the public address is https, scoped to the desk. */
export function cookieOptions(deps: Pick<AppDeps, 'config'>, maxAgeMs?: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: deps.config.publicUrl.startsWith('https:'),
    path: '/desk',
    ...(maxAgeMs !== undefined ? { maxAge: Math.floor(maxAgeMs / 1000) } : {}),
  };
}

/** Starts a new session for a user (a fresh token every sign-in: no session fixation) and sets its cookie. */
export async function startSession(deps: SessionDeps, c: Context, user: User, meta: { ip: string; userAgent: string }): Promise<void> {
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
  setCookie(c, SESSION_COOKIE, token, cookieOptions(deps, SESSION_TTL_MS));
}

/** The session named by the request's cookie, with its user; null when absent, expired or disabled. */
export async function loadSession(deps: SessionDeps, c: Context): Promise<{ session: Session; user: User } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const now = deps.clock();
  const found = await sessionWithUser(deps.db, tokenHash(token), now);
  if (!found) return null;
  if (now - found.session.last_seen_at > TOUCH_EVERY_MS) await touchSession(deps.db, found.session.id_hash, now);
  return found;
}

/** Ends the request's session and clears its cookie. */
export async function endSession(deps: SessionDeps, c: Context): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(deps.db, tokenHash(token));
  deleteCookie(c, SESSION_COOKIE, cookieOptions(deps));
}

/** The CSRF token of a visitor without a session: kept in its own cookie, created on first sight. */
export function anonymousCsrf(deps: Pick<AppDeps, 'config'>, c: Context): string {
  const existing = getCookie(c, ANON_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const token = randomToken(24);
  setCookie(c, ANON_CSRF_COOKIE, token, cookieOptions(deps, 24 * 3600_000));
  return token;
}
