import { type ImportReport, type SourceStory, count } from './source.model.js';

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
