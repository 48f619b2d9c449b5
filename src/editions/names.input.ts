import { z } from 'zod';
import { parseInput } from '../lib/parse-input.js';
import { type Edition, LANGUAGE_TAG } from './edition.js';

/** A section's or tag's name and description in one edition's language (empty: not written, the primary's show). */
const LanguageWords = z.object({
  language: z.string().trim().regex(LANGUAGE_TAG, 'must be a language code such as en or uk'),
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
 * The fields of a per-language names form (`name.<code>`, `description.<code>`, one pair per edition, in the
 * editions' order), parsed: a 400 naming what is wrong.
 */
export function parseLanguageNames(
  fields: Record<string, string | undefined>,
  editions: readonly Pick<Edition, 'code'>[],
): LanguageNames {
  return parseInput(
    LanguageNamesSchema,
    editions.map(({ code }) => ({
      language: code,
      name: fields[`name.${code}`] ?? '',
      description: fields[`description.${code}`] ?? '',
    })),
  );
}
