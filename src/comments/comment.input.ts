import { z } from 'zod';
import { type CommentRules, CommentRulesSchema } from './comment-settings.js';
import { rowIdText } from '../lib/row-id.js';

/** The longest comment a reader may post, in characters (after tidying). */
export const COMMENT_MAX_CHARS = 5000;
/** More links than this in one comment is refused (the shape of link spam), whoever posts it. */
export const COMMENT_MAX_LINKS = 5;

/**
 * Control characters a comment never keeps (line breaks and tabs stay), and the invisible direction overrides
 * and isolates that could make a comment's text read differently from what it is (U+202A–U+202E, U+2066–U+2069).
 */
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A comment's text as the reader typed it, tidied: line endings as `\n`, unwanted characters gone, no trailing
 * spaces on a line, at most one blank line in a row, no blank lines around it. What remains is what is stored
 * (and shown as plain text). Emptiness and length are the service's checks, with words a reader reads.
 */
export function tidyCommentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A form's optional id field ("" or absent: none). */
const optionalId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : v),
  z
    .string()
    .regex(/^\d{1,12}$/, 'must name a comment')
    .transform(Number)
    .optional(),
);

/** A posted comment (the story page's form, or its script): the text, and the comment it replies to. */
export const PostCommentSchema = z.object({
  // Bounded before tidying, so a megabyte of whitespace is refused without being worked on.
  body: z
    .string()
    .max(COMMENT_MAX_CHARS * 4, `A comment may be at most ${COMMENT_MAX_CHARS} characters.`)
    .transform(tidyCommentText),
  parent: optionalId,
});
export type PostCommentInput = z.output<typeof PostCommentSchema>;

/** Why a reader reports a comment. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const ReportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { error: 'Choose why you are reporting this comment.' }),
});

/** What the desk may do to one comment. */
export const COMMENT_ACTIONS = ['approve', 'hide', 'spam', 'restore', 'delete', 'dismiss'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** The desk's queues: a status, or the comments readers reported. */
export const QUEUES = ['pending', 'approved', 'hidden', 'spam', 'reported'] as const;
export type Queue = (typeof QUEUES)[number];

/** The desk's queue page's query: which queue, of which story or reader, from where. */
export const QueueQuerySchema = z.object({
  queue: z.enum(QUEUES).default('pending'),
  story: rowIdText.optional(),
  reader: rowIdText.optional(),
  before: z.string().max(200).optional(),
  done: z.string().max(40).optional(),
});

/** A story's own comments mode, as the desk editor's settings panel sends it. */
export const CommentsModeSchema = z.object({
  mode: z.enum(['on', 'off', 'closed'], { error: 'Choose on, off or closed for the story’s comments.' }),
});

/** A ban or its lifting, with the moderator's note (why). */
export const BanSchema = z.object({
  note: z.string().trim().max(500).default(''),
});

const checkbox = z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean());
const wholeNumber = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, `${what}: a whole number.`)
    .transform(Number);

/** The site-wide comment rules as the desk's form sends them (unticked checkboxes are simply absent). */
export const CommentRulesFormSchema = z
  .object({
    enabled: checkbox,
    close_after_days: wholeNumber('Close after'),
    hold_new_readers: checkbox,
    trusted_after: wholeNumber('Trusted after'),
  })
  .transform(
    (f): CommentRules => ({
      enabled: f.enabled,
      closeAfterDays: f.close_after_days,
      holdNewReaders: f.hold_new_readers,
      trustedAfter: f.trusted_after,
    }),
  )
  .pipe(CommentRulesSchema);
