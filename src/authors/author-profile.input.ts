import { z } from 'zod';

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

/** What a byline profile's owner (or an admin) may change. */
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
});
export type ProfileValues = z.output<typeof ProfileSchema>;
