import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';

const Link = z.object({
  label: z.string().trim().min(1, 'Each link needs a label.').max(80),
  url: z
    .string()
    .trim()
    .max(500)
    .refine((u) => /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(u), {
      message: 'Links must start with https://, http:// or mailto:.',
    }),
});

/** The role title and bios in another edition's language (left empty: the primary edition's show there). */
const AuthorWords = z.object({
  language: z.string().trim().regex(LANGUAGE_TAG, 'must be a language code such as uk'),
  roleTitle: z.string().trim().max(120).default(''),
  bio: z.string().trim().max(4000).default(''),
  shortBio: z.string().trim().max(300).default(''),
});

/** What a byline profile's owner (or an admin) may change. The fields outside `translations` are the primary edition's words. */
export const ProfileSchema = z.object({
  name: z.string().trim().min(1, 'A name is required.').max(120),
  roleTitle: z.string().trim().max(120).default(''),
  bio: z.string().trim().max(4000).default(''),
  shortBio: z.string().trim().max(300).default(''),
  links: z.array(Link).max(10, 'At most 10 links.').default([]),
  avatarImageId: z
    .number()
    .int()
    .positive('The avatar must be the number of an image in the media library.')
    .nullable()
    .default(null),
  translations: z
    .array(AuthorWords)
    .max(20)
    .refine((list) => new Set(list.map((w) => w.language)).size === list.length, {
      message: 'Each language may be given once.',
    })
    .default([]),
});
export type ProfileValues = z.output<typeof ProfileSchema>;
