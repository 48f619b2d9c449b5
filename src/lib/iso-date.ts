/** RFC 3339 / W3C date-time in UTC, whole seconds (what Atom, JSON Feed, sitemaps and JSON-LD expect). */
export const isoDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
