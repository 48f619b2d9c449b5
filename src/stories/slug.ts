import { z } from 'zod';

const UK: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ы: 'y',
  э: 'e',
  ё: 'io',
  ъ: '',
};

/** Turns a headline into a URL slug: lower-case ASCII words joined by hyphens; Cyrillic is transliterated. */
export function slugify(text: string, maxLength = 80): string {
  const ascii = [...text.toLowerCase()]
    .map((ch) => UK[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.slice(0, maxLength).replace(/-+[^-]*$/, (tail) => (slug.length > maxLength ? '' : tail));
  return cut.replace(/-+$/, '') || 'story';
}

/** A slug is lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug in a query string or path (a section, tag or author filter): the one slug rule, with a readable message. */
export const SlugSchema = z
  .string()
  .max(200, 'may be at most 200 characters')
  .regex(SLUG_PATTERN, 'must be a slug such as "world"');
