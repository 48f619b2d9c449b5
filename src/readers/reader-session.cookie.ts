import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app.deps.js';
import type { Reader, ReaderSession } from '../db/database.js';
import { editionPath } from '../editions/edition.js';
import { AppError } from '../http/errors.js';
import { READER_COOKIE, READER_MARK_COOKIE } from './reader-cookies.js';
import { clientAddress } from '../users/auth.middleware.js';
import {
  READER_SESSION_TTL_MS,
  createReaderSession,
  endAllReaderSessions,
  endReaderSessionByToken,
  findReaderSession,
} from './reader-session.service.js';

export { READER_COOKIE };

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The request's signed-in reader, as found once per request. */
export interface ReaderAuth {
  reader: Reader;
  session: ReaderSession;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by readerFromRequest (null: looked, none). */
    readerAuth: ReaderAuth | null;
  }
}

/** The reader cookie's options. */
export function readerCookieOptions(deps: Pick<AppDeps, 'config'>, maxAgeMs?: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: deps.config.publicUrl.startsWith('https:'),
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: Math.floor(maxAgeMs / 1000) } : {}),
  };
}

/** The signed-in reader of this request, or null (looked up once per request, kept on the context). */
export async function readerFromRequest(deps: Deps, c: Context): Promise<ReaderAuth | null> {
  const known = c.get('readerAuth');
  if (known !== undefined) return known;
  const found = await findReaderSession(deps, getCookie(c, READER_COOKIE));
  c.set('readerAuth', found);
  // A cookie that names no live session (revoked everywhere, expired, erased): cleared, so site.js stops asking.
  if (!found && (getCookie(c, READER_COOKIE) || getCookie(c, READER_MARK_COOKIE))) clearCookies(deps, c);
  return found;
}

/** Starts a session for the reader and sets the cookie (a new token: a session is never carried over). */
export async function startReaderSession(deps: Deps, c: Context, reader: Reader): Promise<void> {
  const previous = getCookie(c, READER_COOKIE);
  if (previous) await endReaderSessionByToken(deps, previous);
  const token = await createReaderSession(deps, reader, c.req.header('user-agent') ?? '');
  setCookie(c, READER_COOKIE, token, readerCookieOptions(deps, READER_SESSION_TTL_MS));
  setCookie(c, READER_MARK_COOKIE, '1', { ...readerCookieOptions(deps, READER_SESSION_TTL_MS), httpOnly: false });
  c.set('readerAuth', null);
}

function clearCookies(deps: Pick<AppDeps, 'config'>, c: Context): void {
  deleteCookie(c, READER_COOKIE, readerCookieOptions(deps));
  deleteCookie(c, READER_MARK_COOKIE, { ...readerCookieOptions(deps), httpOnly: false });
}

/** Ends this browser's session and clears the cookie. */
export async function endReaderSession(deps: Deps, c: Context): Promise<void> {
  await endReaderSessionByToken(deps, getCookie(c, READER_COOKIE));
  clearCookies(deps, c);
  c.set('readerAuth', null);
}

/** "Sign out everywhere": every session of the reader ends, this one included. */
export async function endEverySession(deps: Deps, c: Context, readerId: number): Promise<number> {
  const n = await endAllReaderSessions(deps, readerId);
  clearCookies(deps, c);
  c.set('readerAuth', null);
  return n;
}

/** The client's address, as the rate limits key it (TRUST_PROXY decides whether X-Forwarded-For counts). */
export const readerClientIp = (deps: Pick<AppDeps, 'config'>, c: Context) => clientAddress(c, deps.config.trustProxy);

/**
 * For routes that need a signed-in reader: a GET without one goes to the sign-in page (in the request's edition,
 * coming back here after), anything else is a 401. The handler reads the reader with `signedInReader(c)`.
 */
export function requireReader(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const auth = await readerFromRequest(deps, c);
    if (!auth) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const edition = c.get('edition');
        const back = new URL(c.req.url);
        // The URL's own path: an edition's prefix is in it already (the router alone sees it without).
        const next = `${back.pathname}${back.search}`;
        const signIn = edition ? editionPath(edition, '/account/sign-in') : '/account/sign-in';
        c.header('Cache-Control', 'private, no-store');
        return c.redirect(`${signIn}?next=${encodeURIComponent(next)}`, 303);
      }
      throw new AppError(401, 'unauthenticated', 'Please sign in to do that.');
    }
    await next();
  };
}

/** The reader of a request behind requireReader. */
export function signedInReader(c: Context): ReaderAuth {
  const auth = c.get('readerAuth');
  if (!auth) throw new AppError(401, 'unauthenticated', 'Please sign in to do that.');
  return auth;
}
