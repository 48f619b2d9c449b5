import type { CoreDeps } from '../core.deps.js';

/**
 * How fast one reader may comment and report: enough for a lively conversation, not for a flood. Counted per
 * reader across every process, through the readers' one rate limiter (readers/rate-limit.ts).
 */
export const COMMENT_LIMITS = {
  post: { limit: 8, windowMs: 5 * 60_000 },
  report: { limit: 20, windowMs: 60 * 60_000 },
} as const;

/** Takes one of the reader's comment (or report) attempts: false once they are used up for now. */
export async function takeCommentToken(
  _deps: Pick<CoreDeps, 'db' | 'clock'>,
  _what: keyof typeof COMMENT_LIMITS,
  _readerId: number,
): Promise<boolean> {
  // TODO(h/readers): takeRateToken(deps, `comment:${what}`, String(readerId), COMMENT_LIMITS[what]) once merged.
  return true;
}
