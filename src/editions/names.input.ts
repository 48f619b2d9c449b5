import { z } from 'zod';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A section's or tag's name and description in one edition's language (empty: not written, the primary's show). */
const LanguageWords = z.object({
  language: z.string().trim().regex(LANGUAGE, 'must be a language code such as en or uk'),
  name: z.string().trim().max(80, 'A name has at most 80 characters.').default(''),
  description: z.string().trim().max(500, 'A description has at most 500 characters.').default(''),
});

/** The names and descriptions of a section or tag, one entry per edition language (each at most once). */
export const LanguageNamesSchema = z
  .array(LanguageWords)
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((w) => w.language)).size === list.length, {
    message: 'Each language may be given once.',
  });
export type LanguageNames = z.output<typeof LanguageNamesSchema>;

/**
 * The form fields of a per-language names form (`name.<code>`, `description.<code>`) as the schema's input,
 * for the given languages in order.
 */
export function namesFromForm(fields: Record<string, string | undefined>, languages: readonly string[]) {
  return languages.map((language) => ({
    language,
    name: fields[`name.${language}`] ?? '',
    description: fields[`description.${language}`] ?? '',
  }));
}
