import { z } from 'zod';
import { LANGUAGE_TAG } from '../editions/edition.js';

/** The newsroom's words a reader sees, in one edition: its name, its tagline, the postal address its emails show. */
export interface NewsroomWords {
  name: string;
  description: string;
  address: string;
}

/** The fields a newsroom writes per edition (the desk form's `name.<code>`, `description.<code>`, `address.<code>`). */
const FIELDS = ['name', 'description', 'address'] as const;

/** One edition's words; one left empty shows the primary edition's. The same bounds as the primary's own fields. */
const WordsSchema = z.object({
  name: z.string().trim().max(120, 'A newsroom name can be at most 120 characters long.').default(''),
  description: z.string().trim().max(300, 'A description can be at most 300 characters long.').default(''),
  address: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(500, 'The postal address can be at most 500 characters long.'))
    .default(''),
});

/**
 * The newsroom's words in the editions other than the primary, by language code (the `site.edition_words`
 * setting, JSON). The primary edition's are the `site.name`, `site.description` and `site.address` settings.
 */
export const EditionWordsSchema = z
  .record(z.string().regex(LANGUAGE_TAG, 'A language is a code such as en, uk or pt-BR.'), WordsSchema)
  .refine((r) => Object.keys(r).length <= 20, 'At most 20 editions.');
export type EditionWords = Readonly<Record<string, NewsroomWords>>;

/** The stored words per edition, or none for a value that is missing or no longer valid (pages keep rendering). */
export function parseEditionWords(json: string | undefined): EditionWords {
  if (!json) return {};
  try {
    const parsed = EditionWordsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * The per-edition fields of a settings form (`name.uk`, `description.uk`, `address.uk`), gathered by language;
 * undefined when the form has none (a form or script that sets the primary's words only leaves them as they are).
 */
export function editionWordFields(
  fields: Readonly<Record<string, unknown>>,
): Record<string, Record<string, unknown>> | undefined {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(fields)) {
    const dot = key.indexOf('.');
    const field = key.slice(0, dot);
    if (dot < 0 || !(FIELDS as readonly string[]).includes(field)) continue;
    const language = key.slice(dot + 1);
    out[language] = { ...out[language], [field]: value };
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The newsroom's words in an edition's language: that edition's where written, the primary edition's for any left
 * empty (and for the primary itself, or a language with no edition). From the settings in memory: no query.
 */
export function newsroomIn(
  settings: NewsroomWords & { readonly editionWords: EditionWords },
  language: string,
): NewsroomWords {
  const own = settings.editionWords[language];
  return {
    name: own?.name || settings.name,
    description: own?.description || settings.description,
    address: own?.address || settings.address,
  };
}
