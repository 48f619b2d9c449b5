import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';
import { SLUG_PATTERN } from '../stories/slug.js';
import { EmailSchema } from '../users/user.input.js';
import { rowIdText } from '../lib/row-id.js';
import { ReaderEmail } from '../readers/reader.email.js';

/** A checkbox as a form sends it ("1", "on") or a JSON boolean. */
const flag = z.union([z.boolean(), z.enum(['1', 'on', 'true', '0', 'off', 'false', ''])]).transform((v) => {
  if (typeof v === 'boolean') return v;
  return v === '1' || v === 'on' || v === 'true';
});

/** A newsletter as the desk defines it. */
export const NewsletterSchema = z.object({
  name: z.string().trim().min(1, 'A newsletter needs a name.').max(120),
  slug: z
    .string()
    .trim()
    .max(80)
    .refine((s) => s === '' || SLUG_PATTERN.test(s), 'must be a slug such as "morning-briefing"')
    .default(''),
  description: z.string().trim().max(1000).default(''),
  senderName: z.string().trim().min(1, 'Give the name the newsletter is sent from.').max(120),
  senderEmail: EmailSchema,
  replyTo: z.union([z.literal(''), EmailSchema]).default(''),
  /** '' = any edition. */
  language: z
    .string()
    .trim()
    .refine((s) => s === '' || LANGUAGE_TAG.test(s), 'must be a language tag such as "en" or "uk"')
    .default(''),
  defaultOn: flag.default(false),
  visible: flag.default(true),
  /** The hour (0–23, newsroom time) of an automatic daily digest; '' or absent for none. */
  digestHour: z
    .union([z.literal(''), z.coerce.number().int().min(0, 'must be an hour from 0 to 23').max(23)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  position: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type NewsletterValues = z.output<typeof NewsletterSchema>;

/** An id list from a form (repeated fields) or JSON. */
const idList = z.array(rowIdText).max(50);

/** A digest as an editor composes it: the stories in order, an intro, a subject; sent now or at a time. */
export const DigestSchema = z.object({
  newsletterId: rowIdText,
  subject: z.string().trim().min(1, 'A digest needs a subject line.').max(200),
  intro: z.string().trim().max(4000).default(''),
  storyIds: idList.min(1, 'Pick at least one story for the digest.'),
});
export type DigestValues = z.output<typeof DigestSchema>;

/** A sign-up as a reader sends it: the address, the lists ticked, where from; `website` is the honeypot. */
export const SignUpSchema = z.object({
  email: ReaderEmail,
  newsletters: idList.default([]),
  source: z.enum(['story', 'footer', 'newsletters', 'embed']).default('newsletters'),
  /** The page the form was on (a story's path), kept as the reader's sign-up detail. */
  from: z
    .string()
    .max(500)
    .default('')
    .transform((s) => (s.startsWith('/') && !s.startsWith('//') ? s : '')),
  website: z.string().max(500).default(''),
});
export type SignUpValues = z.output<typeof SignUpSchema>;
