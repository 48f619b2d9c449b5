import { z } from 'zod';

/**
 * The newsroom's rules for readers' comments, site-wide (the desk's comments settings, `settings.manage`). Kept
 * as one settings row (`comments.rules`, JSON) read with the other settings through the lookups; changed only
 * through the settings service. A story's own mode (`stories.comments`: on, off, closed) applies within them.
 */
export interface CommentRules {
  /** Off: no story shows or takes comments, whatever its own mode. */
  enabled: boolean;
  /** Comments close this many days after a story is first published; 0 = they stay open. */
  closeAfterDays: number;
  /** A new reader's comments wait in the moderation queue until the desk has approved `trustedAfter` of them. */
  holdNewReaders: boolean;
  /** How many of a reader's comments the desk approves before the next ones appear straight away (1–100). */
  trustedAfter: number;
}

export const DEFAULT_COMMENT_RULES: CommentRules = {
  enabled: true,
  closeAfterDays: 0,
  holdNewReaders: true,
  trustedAfter: 2,
};

/** The rules as stored and as the desk form sends them (its checkboxes arrive as "on" or not at all). */
export const CommentRulesSchema = z.object({
  enabled: z.boolean(),
  closeAfterDays: z.number().int().min(0, 'Close after: 0 (never) or a number of days.').max(3650),
  holdNewReaders: z.boolean(),
  trustedAfter: z.number().int().min(1, 'Trusted after: at least one approved comment.').max(100),
});

/** The stored rules, a default for each one missing or unreadable (a row written by an older version). */
export function parseCommentRules(json: string | undefined): CommentRules {
  if (!json) return DEFAULT_COMMENT_RULES;
  try {
    const parsed = CommentRulesSchema.partial().safeParse(JSON.parse(json));
    return parsed.success ? { ...DEFAULT_COMMENT_RULES, ...stripUndefined(parsed.data) } : DEFAULT_COMMENT_RULES;
  } catch {
    return DEFAULT_COMMENT_RULES;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
