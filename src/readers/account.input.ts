import { z } from 'zod';
import { ReaderEmail } from './reader.email.js';

/** A name a reader types (their own, or the one shown with their comments): plain text, one line. */
const ReaderName = z
  .string()
  .transform((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim())
  .pipe(z.string().max(120, 'input.nameLength'));

/** The account page's profile form. */
export const ProfileForm = z.object({
  name: ReaderName.default(''),
  comment_name: ReaderName.default(''),
});

/** Newsletter ids as a form sends them (checkboxes `newsletter`), at most 100. */
export const NewsletterIds = z
  .array(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
  )
  .max(100)
  .transform((ids) => [...new Set(ids)]);

/** Asking for a link (sign in) or signing up: the address, where to go after, the newsletters ticked. */
export const SignInForm = z.object({
  email: ReaderEmail,
  name: ReaderName.optional(),
  next: z.string().max(500).optional(),
  newsletter: NewsletterIds.default([]),
});
export type SignInFormValues = z.output<typeof SignInForm>;

/** The account page's email-change form. */
export const EmailForm = z.object({ email: ReaderEmail });
