import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app.deps.js';
import type { Session, User } from '../db/database.js';
import { KNOWN_DEVICE_MS, rememberSignIn } from './login.service.js';
import { PENDING_SIGN_IN_MS } from './pending-sign-in.service.js';
import { SESSION_TTL_MS, createSession, endSessionByToken, findSession, randomToken } from './session.service.js';

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'bs_session';
/** The cookie that carries the CSRF token of a visitor who has not signed in yet (login, setup, invite forms). */
export const ANON_CSRF_COOKIE = 'bs_csrf';
/** The long-lived cookie that names a browser which signed in well (sign-in lock-outs spare it). */
export const DEVICE_COOKIE = 'bs_device';

type SessionDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The short-lived cookie of a right password waiting for its second step (pending-sign-in.service.ts). */
export const PENDING_COOKIE = 'bs_pending';

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

/** Starts a new session for a user and sets its cookie. */
export async function startSession(
  deps: SessionDeps,
  c: Context,
  user: User,
  meta: { ip: string; userAgent: string },
): Promise<void> {
  const token = await createSession(deps, user, meta);
  setCookie(c, SESSION_COOKIE, token, cookieOptions(deps, SESSION_TTL_MS));
}

/** The session named by the request's cookie, with its user; null when absent, expired or disabled. */
export function loadSession(deps: SessionDeps, c: Context): Promise<{ session: Session; user: User } | null> {
  return findSession(deps, getCookie(c, SESSION_COOKIE));
}

/** Ends the request's session and clears its cookie. */
export async function endSession(deps: SessionDeps, c: Context): Promise<void> {
  await endSessionByToken(deps, getCookie(c, SESSION_COOKIE));
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

/** The request's known-device token, if it carries a well-formed one. */
export function deviceToken(c: Context): string | undefined {
  const token = getCookie(c, DEVICE_COOKIE);
  return token && /^[A-Za-z0-9_-]{40,64}$/.test(token) ? token : undefined;
}

/** After a good sign-in: remembers this browser (a new random token unless it has one) and address. */
export async function rememberThisDevice(deps: SessionDeps, c: Context, user: User, ip: string): Promise<void> {
  const token = deviceToken(c) ?? randomToken();
  await rememberSignIn(deps, user, token, ip);
  setCookie(c, DEVICE_COOKIE, token, cookieOptions(deps, KNOWN_DEVICE_MS));
}

/** The request's pending sign-in token (a password that was right, waiting for a code), if any. */
export function pendingToken(c: Context): string | undefined {
  return getCookie(c, PENDING_COOKIE);
}

/** Sets (a token) or clears (null) the pending sign-in cookie. */
export function setPendingCookie(deps: Pick<AppDeps, 'config'>, c: Context, token: string | null): void {
  if (token === null) deleteCookie(c, PENDING_COOKIE, cookieOptions(deps));
  else setCookie(c, PENDING_COOKIE, token, cookieOptions(deps, PENDING_SIGN_IN_MS));
}
