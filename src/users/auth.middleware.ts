import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Config } from '../config.js';
import type { Session, User, UserRole } from '../db/database.js';
import { AppError, forbidden } from '../http/errors.js';
import { type Action, can } from './user.policy.js';
import { anonymousCsrf, loadSession } from './session.cookie.js';

/** What the desk knows about the request: the signed-in user (if any) and the CSRF token its forms carry. */
export interface DeskAuth {
  user: User | null;
  session: Session | null;
  csrf: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    deskAuth: DeskAuth;
  }
}

/** The form field that carries the CSRF token in a plain form post. */
export const CSRF_FIELD = '_csrf';
/** The header JSON calls send the CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';

const isApi = (c: Context) => c.req.path.startsWith('/desk/api/');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session named by the cookie (once per request) into `c.get('deskAuth')`.
 * Installed for every /desk path by the desk's auth routes, before any other desk route.
 */
export function sessionLoader(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): MiddlewareHandler {
  return async (c, next) => {
    if (!c.get('deskAuth')) {
      const found = await loadSession(deps, c);
      c.set(
        'deskAuth',
        found
          ? { user: found.user, session: found.session, csrf: found.session.csrf_token }
          : { user: null, session: null, csrf: anonymousCsrf(deps, c) },
      );
    }
    // Desk pages are personal: never cached by a browser or a shared cache.
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

function auth(c: Context): DeskAuth {
  const a = c.get('deskAuth');
  if (!a) throw new AppError(500, 'internal', 'The desk session middleware is not installed for this route.');
  return a;
}

/** The signed-in user, or null. */
export function currentUser(c: Context): User | null {
  return c.get('deskAuth')?.user ?? null;
}

/** The signed-in user; throws 401 when there is none (for handlers behind requireUser). */
export function userOf(c: Context): User {
  const u = currentUser(c);
  if (!u) throw new AppError(401, 'unauthenticated', 'Please sign in to the desk.');
  return u;
}

/** The CSRF token this request's forms and JSON calls must send back. */
export function csrfToken(c: Context): string {
  return auth(c).csrf;
}

/** Requires a signed-in user: pages redirect to the sign-in form, /desk/api/* answers 401 JSON. */
export function requireUser(): MiddlewareHandler {
  return async (c, next) => {
    if (!auth(c).user) {
      if (isApi(c) || c.req.method !== 'GET')
        throw new AppError(401, 'unauthenticated', 'Your session has ended. Please sign in again.');
      const nextPath = c.req.path + (c.req.url.includes('?') ? c.req.url.slice(c.req.url.indexOf('?')) : '');
      return c.redirect(`/desk/login?next=${encodeURIComponent(nextPath)}`, 303);
    }
    await next();
  };
}

/** Requires a signed-in user with one of the roles (403 otherwise). Includes requireUser. */
export function requireRole(...roles: UserRole[]): MiddlewareHandler {
  const signedIn = requireUser();
  return (c, next) =>
    signedIn(c, async () => {
      if (!roles.includes(auth(c).user!.role)) throw forbidden('Your role does not allow this.');
      await next();
    });
}

/** Requires a signed-in user the policy allows to do `action` (story-independent actions). */
export function requireCan(action: Action): MiddlewareHandler {
  const signedIn = requireUser();
  return (c, next) =>
    signedIn(c, async () => {
      if (!can(auth(c).user, action)) throw forbidden('Your role does not allow this.');
      await next();
    });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The origins a state-changing desk request may come from, compared exactly (scheme, host and port).
 * PUBLIC_URL's origin is the truth: behind a reverse proxy the server sees http (and perhaps its own address in
 * Host) while readers use https, so the request's own URL cannot say what the page's origin was. A request that
 * reached the server under another host than PUBLIC_URL's (a newsroom machine opened by its address, a test
 * server on a loopback port) may also come from that very origin: that is the page the browser was on.
 */
export function allowedOrigin(origin: string, requestUrl: string, publicOrigin: URL): boolean {
  if (origin === publicOrigin.origin) return true;
  const own = new URL(requestUrl);
  return own.host !== publicOrigin.host && origin === own.origin;
}

/**
 * Refuses every state-changing request (POST, PUT, PATCH, DELETE) that does not carry the
 * session's CSRF token — in the `X-CSRF-Token` header (JSON calls) or the `_csrf` form field —
 * or that names an origin other than the desk's (`Origin: null`, sent by sandboxed frames and some
 * redirects, included). A request without an Origin (a script, an old browser) still needs the token.
 */
export function csrfProtect(config: Pick<Config, 'publicUrl'>): MiddlewareHandler {
  const publicOrigin = new URL(config.publicUrl);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowedOrigin(origin, c.req.url, publicOrigin))
      throw forbidden('This request came from another site and was refused.');
    let sent = c.req.header(CSRF_HEADER) ?? '';
    const type = c.req.header('content-type') ?? '';
    if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
      // Read a clone, so the body stays unread for the body-size limit and the handler after us.
      const form = await c.req.raw
        .clone()
        .formData()
        .catch(() => null);
      const field = form?.get(CSRF_FIELD);
      sent = typeof field === 'string' ? field : '';
    }
    if (!sent || !sameToken(sent, auth(c).csrf))
      throw new AppError(
        403,
        'csrf',
        'This form has expired or did not come from the desk. Reload the page and try again; nothing was saved.',
      );
    await next();
  };
}

/**
 * The client's network address (for login rate limits). Behind a trusted proxy it is the last
 * X-Forwarded-For entry (the one the proxy added; earlier ones are the client's to forge);
 * "unknown" when the server adapter does not say.
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
