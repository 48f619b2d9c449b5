import { z } from 'zod';
import { EditionsSchema } from '../editions/edition.js';
import { EditionWordsSchema, editionWordFields } from './newsroom-words.js';

/**
 * The editions as the desk form sends them: one per line, `language | locale | name | prefix` (the first line is
 * the primary edition, at /, with no prefix), e.g. `uk | uk-UA | Українська | uk`.
 */
const EditionLines = z
  .string()
  .max(4000)
  .transform((text) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [code = '', locale = '', name = '', prefix = ''] = line.split('|').map((part) => part.trim());
        return { code, locale: locale || code, name, prefix };
      }),
  )
  .pipe(EditionsSchema);

/**
 * The newsroom's settings as the desk form sends them: the primary edition's words as `name`, `description`,
 * `address`, another edition's as `name.uk`, `description.uk`, `address.uk` (gathered into `editionWords`).
 */
export const SettingsSchema = z.preprocess(
  (f) => (f && typeof f === 'object' ? { ...f, editionWords: editionWordFields(f as Record<string, unknown>) } : f),
  z.object({
    name: z.string().trim().min(1, 'The newsroom needs a name.').max(120),
    description: z.string().trim().max(300),
    /** Left out (an older form, a script that sets the name only): the editions stay as they are. */
    editions: EditionLines.optional(),
    /** A ticked box sends "1"; an unticked one is absent: counting stays off. */
    newsletterTracking: z
      .enum(['1', 'on', 'true', ''])
      .optional()
      .transform((v) => v === '1' || v === 'on' || v === 'true'),
    /** The postal address every email's footer shows (left out: unchanged). */
    address: z
      .string()
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().max(500, 'The postal address can be at most 500 characters long.'))
      .optional(),
    /** What happens to a reader's comments when they delete their account (left out: unchanged). */
    eraseComments: z.enum(['keep', 'delete']).optional(),
    /** The other editions' words (left out: unchanged); one left empty shows the primary's. */
    editionWords: EditionWordsSchema.optional(),
  }),
);

/** The editions as the form shows them, one per line (what EditionLines reads back). */
export function editionLines(
  editions: readonly { code: string; locale: string; name: string; prefix: string }[],
): string {
  return editions.map((e) => [e.code, e.locale, e.name, e.prefix].join(' | ').replace(/ \| $/, '')).join('\n');
}
