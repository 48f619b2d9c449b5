import { type ImportReport, type SourceStory, count } from './source.model.js';

/**
 * Reading a source's times. Every time is read in the zone the source defines, never in the zone of the process
 * that imports it: an export moved between servers (or imported with TZ set to the newsroom's own zone) must give
 * the same instants. So no time here goes through `Date.parse` or `new Date(y, m, …)` without a zone.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
/** A time that says its own zone in another way (RFC 2822's "+0200" or "GMT"): the one case Date.parse is safe. */
const ZONED = /(?:\b(?:GMT|UTC)\b|[+-]\d{4}|Z)$/i;

/** A time read from a source: epoch ms, and whether the source wrote it without a zone (then `zoneless` is true). */
export interface ReadTime {
  ms: number;
  zoneless: boolean;
}

/**
 * A source time as epoch ms: a number is epoch ms; an ISO 8601 / SQL datetime string ("2024-03-18 00:00:00",
 * "2024-03-18T00:00:00.000Z", "…+02:00") is read in the zone it gives, and one without a zone in `zonelessOffset`
 * (ms east of UTC; 0: UTC, as Ghost stores its times); null for no time or one that cannot be read.
 */
export function readSourceTime(v: string | number | null | undefined, zonelessOffset = 0): ReadTime | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { ms: v, zoneless: false } : null;
  const text = v.trim();
  const m = ISO.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Number(frac.slice(0, 3).padEnd(3, '0')));
    if (!Number.isFinite(wall) || +mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31) return null;
    if (!zone) return { ms: wall - zonelessOffset, zoneless: true };
    return { ms: wall - zoneOffset(zone), zoneless: false };
  }
  if (!ZONED.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? { ms, zoneless: false } : null;
}

/** "Z", "UTC", "+02", "+0200", "-05:00" as ms east of UTC. */
function zoneOffset(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +(m[3] ?? 0)) * 60_000;
}

/** "+02:00" for an offset in ms. */
export function offsetLabel(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${ms < 0 ? '−' : '+'}${hh}:${mm}`;
}

/**
 * The site's offset from UTC at a local wall-clock time, learnt from times the source gives both ways (WordPress
 * writes `post_date` in the site's zone beside `post_date_gmt`; a draft has only the first): the offset of the pair
 * nearest in time, so a daylight-saving change is followed. Null when the source gave no pair at all.
 */
export class LocalOffsets {
  private readonly pairs: { local: number; offset: number }[] = [];
  private sorted = true;

  /** Records one time given both ways (each read as if it were UTC wall-clock time). */
  add(localWall: number, utc: number): void {
    this.pairs.push({ local: localWall, offset: localWall - utc });
    this.sorted = false;
  }

  offsetAt(localWall: number): number | null {
    if (!this.pairs.length) return null;
    if (!this.sorted) {
      this.pairs.sort((a, b) => a.local - b.local);
      this.sorted = true;
    }
    let lo = 0;
    let hi = this.pairs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]!.local < localWall) lo = mid + 1;
      else hi = mid;
    }
    const after = this.pairs[lo]!;
    const before = this.pairs[lo - 1];
    return before && localWall - before.local < after.local - localWall ? before.offset : after.offset;
  }
}

/**
 * A story's times as they are stored. A time in the future is a source error (a wrong clock, a typo) except a
 * scheduled story's publish time, which is its schedule and is kept; any other is set to the time of the import
 * and counted in the report ("Kept in another form"), so an editor can look.
 */
export function storyTimes(
  s: SourceStory,
  now: number,
  report: ImportReport,
): { published_at: number | null; updated_at: number; created_at: number } {
  const notAhead = (time: number, what: string) => {
    if (time <= now) return time;
    count(report.adapted, s.kind, `${what} in the future, set to the import time`);
    return now;
  };
  return {
    published_at:
      s.publishedAt === null || s.status === 'scheduled' ? s.publishedAt : notAhead(s.publishedAt, 'publish time'),
    updated_at: notAhead(s.updatedAt, 'updated time'),
    created_at: notAhead(s.createdAt, 'created time'),
  };
}
