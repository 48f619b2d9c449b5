/**
 * True for links a reader may follow safely: http(s), mailto, or a path on this site.
 * Kept apart from the zod schema so the desk editor's browser bundle can use the very same rule without zod.
 */
export function isSafeHref(href: string): boolean {
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return true;
  if (h.startsWith('#')) return true;
  try {
    const u = new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}
