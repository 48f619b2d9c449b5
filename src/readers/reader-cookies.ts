/**
 * The reader's cookies, by name (a leaf module: the render cache and its fast path read these names too).
 *
 * - `bs_reader`: the session token (HttpOnly). Read only by the reader's own routes (/account, and the comment and
 *   newsletter forms' posts); never by the desk, whose session is `bs_session` on /desk.
 * - `bs_reader_on`: "1" while signed in, readable by site.js (not HttpOnly, no secret), so the script asks for the
 *   reader's state (/account/state.json) only when there is one: anonymous readers cost no extra request.
 *
 * Reader pages are the same HTML for everyone, so the render cache and the CDN ignore exactly these two on
 * cacheable pages (cache.middleware.ts `isPersonal`, deploy/varnish/broadsheet.vcl); any other cookie still makes a
 * request personal.
 */
export const READER_COOKIE = 'bs_reader';
export const READER_MARK_COOKIE = 'bs_reader_on';
export const READER_COOKIE_NAMES: readonly string[] = [READER_COOKIE, READER_MARK_COOKIE];

/**
 * The paths whose answers are personal (a reader's account, the desk): never cached, and where a CDN keeps the
 * reader's cookies. Tested against the request path with any edition prefix. deploy/varnish/broadsheet.vcl carries
 * the same pattern (a test holds them equal).
 */
export const PERSONAL_PATHS = /^(\/[a-z]{2,3}(-[a-z0-9]{2,8})?)?\/(desk|account)([/?.]|$)/;
