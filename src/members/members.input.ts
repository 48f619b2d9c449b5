import { z } from 'zod';
import { MEMBER_STATUSES, type MemberStatus } from './member.status.js';
import { rowIdFrom } from '../lib/row-id.js';

const INVALID = 'Those filters are not valid. Choose a newsletter, status or source from the lists.';
const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.')
  .optional();

/** The members list's filters (the query string of the list and of its CSV export). */
export const MembersQuery = z.object({
  q: z.string().max(200, 'Search for at most 200 characters.').optional(),
  newsletter: z
    .string()
    .refine((v) => rowIdFrom(v) !== null, INVALID)
    .optional(),
  status: z.enum(MEMBER_STATUSES as [MemberStatus, ...MemberStatus[]], INVALID).optional(),
  source: z.string().max(100, INVALID).optional(),
  from: DATE,
  to: DATE,
  /** Checked (length included) by the list's cursor codec. */
  before: z.string().optional(),
});

/** The import form's fields (the file is read apart). */
export const MembersImportForm = z.object({
  /** A newsletter id, or "none" to import the readers only. */
  newsletter: z
    .string()
    .refine((v) => v === 'none' || rowIdFrom(v) !== null, 'Choose the newsletter to import the members into.'),
  format: z.enum(['auto', 'ghost', 'mailchimp'], 'Choose Ghost, Mailchimp or “find out from the file”.').optional(),
});
