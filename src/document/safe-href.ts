/**
 * A stand-in for this site's address. Links are resolved against it exactly as a browser resolves them against the
 * page (WHATWG URL, which Node implements): a prefix test is fooled by spellings browsers rewrite, such as `/\host`
 * or `/<tab>/host` (both become `//host`, another site).
 */
const SITE = new URL('https://site.invalid/stories/page');

const OFF_SITE = new Set(['http:', 'https:', 'mailto:']);

/**
 * True for links a reader may follow safely: http(s), mailto, or a path or fragment on this site.
 * Kept apart from the zod schema so the desk editor's browser bundle can use the very same rule without zod.
 */
export function isSafeHref(href: string): boolean {
  let resolved: URL;
  try {
    resolved = new URL(href, SITE);
  } catch {
    return false;
  }
  if (isAbsolute(href)) return OFF_SITE.has(resolved.protocol);
  // Relative: a rooted path or a fragment that stays on this site. `foo` (relative to the story's own URL) and
  // scheme-relative spellings (`//host`, `/\host`) are refused: an off-site link must say its scheme.
  const lead = href.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '')[0];
  return (lead === '/' || lead === '#') && resolved.origin === SITE.origin;
}

/**
 * Whether the href carries its own scheme, read the way a browser reads it: it parses without a base. Every
 * rendered site link (`/tags/x`) is relative, and a failed `new URL` throws, which cost more than the whole
 * check: so `URL.canParse` (the same parser, no exception), where the runtime has it (Node 20; the desk editor's
 * older browsers take the constructor).
 */
function isAbsolute(href: string): boolean {
  if (typeof URL.canParse === 'function') return URL.canParse(href);
  try {
    new URL(href);
    return true;
  } catch {
    return false;
  }
}
