import { z } from 'zod';

/** The newsroom's settings as the desk form sends them. */
export const SettingsSchema = z.object({
  name: z.string().trim().min(1, 'The newsroom needs a name.').max(120),
  description: z.string().trim().max(300),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language is a code such as en, uk or en-GB.'),
});
