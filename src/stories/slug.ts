import { z } from 'zod';

/**
 * The Ukrainian national transliteration (Resolution of the Cabinet of Ministers of Ukraine No. 55, 27 January
 * 2010), the table Ukrainian passports and road signs use. Letters with two spellings take the first at the start
 * of a word and the second elsewhere: є ye/ie, ї yi/i, й y/i, ю yu/iu, я ya/ia. "зг" is "zgh" (so that it is not
 * read as ж "zh"); ь and the apostrophe are dropped. Examples from the resolution: Згорани Zghorany, Розгон
 * Rozghon, Юрій Yurii, Олексій Oleksii, Їжакевич Yizhakevych, Яготин Yahotyn, Знам'янка Znamianka.
 * The four letters Ukrainian does not have (ы э ё ъ) are spelled as is usual for Russian, so a quoted name still
 * gets a readable slug.
 */
const KMU_2010: Record<string, string | readonly [atWordStart: string, elsewhere: string]> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: ['ye', 'ie'],
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: ['yi', 'i'],
  й: ['y', 'i'],
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
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  ы: 'y',
  э: 'e',
  ё: 'io',
  ъ: '',
};

/** Apostrophes written inside Ukrainian words: ' ’ ʼ and the backtick some keyboards give. */
const APOSTROPHES = /['’ʼ`]/g;
/** Stress marks (combining acute and grave): a guide to reading, never part of the spelling. */
const STRESS = /[\u0300\u0301]/g;

/** Ukrainian (Cyrillic) letters in Latin by the national table; any other character is left as it is. */
function transliterate(text: string): string {
  const chars = [...text.normalize('NFC').replace(STRESS, '').toLowerCase()];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const rule = KMU_2010[ch];
    if (rule === undefined) {
      out += ch;
    } else if (ch === 'з' && chars[i + 1] === 'г') {
      out += 'zgh';
      i++;
    } else if (typeof rule === 'string') {
      out += rule;
    } else {
      // At a word's start: nothing before it, or something that is neither a letter nor an apostrophe.
      const prev = chars[i - 1];
      const atStart = prev === undefined || !/[\p{L}\p{M}'’ʼ`]/u.test(prev);
      out += atStart ? rule[0] : rule[1];
    }
  }
  return out;
}

/** Turns a headline into a URL slug: lower-case ASCII words joined by hyphens; Cyrillic is transliterated. */
export function slugify(text: string, maxLength = 80): string {
  const ascii = transliterate(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(APOSTROPHES, '')
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
  .max(200)
  // A key of parseInput's own words (lib/parse-input.en.ts): the reader's search says it in the edition's language.
  .regex(SLUG_PATTERN, 'input.slug');
