import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app.deps.js';
import type { ReaderSession } from '../db/database.js';
import { AppError, forbidden } from '../http/errors.js';
import { CSRF_FIELD, CSRF_HEADER, allowedOrigin } from '../users/auth.middleware.js';
import { READER_COOKIE } from './reader-cookies.js';
import { readerFromRequest } from './reader-session.cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A signed-in reader's CSRF token: derived from the session (its token's hash, which only the database holds), so
 * nothing is stored and it ends with the session. The account pages (never cached) carry it; site.js gets it from
 * /account/state.json for forms on cached pages.
 */
export function readerCsrfToken(session: Pick<ReaderSession, 'token_hash'>): string {
  return createHash('sha256').update(`reader-csrf:${session.token_hash}`).digest('base64url').slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one guard for every state-changing request to the reader site (anything outside /desk and /api): forms that
 * sign in, follow a link, change an account, sign up to newsletters or post comments. Reader pages are cached and
 * the same for everyone, so their forms cannot carry a per-person token; instead:
 * - a request that names another origin (`Origin`, `Null` included) or says it is cross-site (`Sec-Fetch-Site`)
 *   is refused, for everyone;
 * - a request carrying the reader's session cookie must also show it came from the site: the session's CSRF token
 *   (`_csrf` field or X-CSRF-Token header), or the browser's word that it is same-origin (`Origin` equal to the
 *   site's, or `Sec-Fetch-Site: same-origin`). SameSite=Lax keeps the cookie off cross-site posts besides.
 * An anonymous request without those headers (a script, an old browser) goes through: it has no session to abuse,
 * and what it may do (ask for a link to an address, follow a link it holds) needs no more.
 */
export function readerFormGuard(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): MiddlewareHandler {
  const publicOrigin = new URL(deps.config.publicUrl);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || /^\/(desk|api)(\/|$)/.test(c.req.path)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin !== undefined && !allowedOrigin(origin, c.req.url, publicOrigin))
      throw forbidden('This request came from another site and was refused.');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw forbidden('This request came from another site and was refused.');
    if (getCookie(c, READER_COOKIE) !== undefined) {
      const fromSite = origin !== undefined || site === 'same-origin';
      if (!fromSite) {
        const auth = await readerFromRequest(deps, c);
        let sent = c.req.header(CSRF_HEADER) ?? '';
        const type = c.req.header('content-type') ?? '';
        if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
          const form = await c.req.raw
            .clone()
            .formData()
            .catch(() => null);
          const field = form?.get(CSRF_FIELD);
          sent = typeof field === 'string' ? field : '';
        }
        if (auth && (!sent || !same(sent, readerCsrfToken(auth.session))))
          throw new AppError(
            403,
            'csrf',
            'This form has expired or did not come from this site. Reload the page and try again; nothing was saved.',
          );
      }
    }
    await next();
  };
}
