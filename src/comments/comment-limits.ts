import type { CoreDeps } from '../core.deps.js';
import { type RateLimit, takeRateToken } from '../readers/rate-limit.js';

/**
 * How fast one reader may comment and report: enough for a lively conversation, not for a flood. Counted per
 * reader across every process, through the readers' one rate limiter (readers/rate-limit.ts).
 */
export const COMMENT_LIMITS = {
  post: { limit: 8, windowMs: 5 * 60_000 },
  report: { limit: 20, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimit>;

/** Takes one of the reader's comment (or report) attempts: false once they are used up for now. */
export function takeCommentToken(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  what: keyof typeof COMMENT_LIMITS,
  readerId: number,
): Promise<boolean> {
  return takeRateToken(deps, `comment:${what}`, String(readerId), COMMENT_LIMITS[what]);
}
