/**
 * A light Ukrainian stemmer, written for Broadsheet's search (no maintained one is in our dependencies): it strips
 * one inflectional ending so that the case forms of a word meet — трамвай, трамваї, трамваїв, трамваєм all give
 * "трамвай"; Києва, Києві, Києвом give "києв". Input is a folded lower-case word (search.words.ts).
 *
 * The rules, in order:
 * 1. A reflexive verb's ся or сь is dropped (when 4 letters stay).
 * 2. The longest ending of ENDINGS is dropped, when at least 3 letters stay and they hold a vowel.
 * 3. An ending that began with є ї ю я right after a vowel carried a й (трамва|ї is трамвай + і): the й is put
 *    back, and rule 2 runs once more (Олексія → олексій → олекс, as Олексій → олекс).
 * 4. A soft sign ending the stem goes, and a doubled consonant ending it is written once (відключення,
 *    відключень and відключенням all give "відключен").
 *
 * What it does not do: alternations inside the stem (Київ / Києва: і in a closed syllable, е or о in an open one)
 * are left to `stemAlternates`, which the index and the query both use; no dictionary, so irregular forms (люди /
 * людина) stay apart, and two words may now and then share a stem.
 */
export function stemUkrainian(word: string): string {
  let w = word;
  if (w.length >= 6 && (w.endsWith('ся') || w.endsWith('сь'))) w = w.slice(0, -2);
  w = dropEnding(w, true);
  if (w.endsWith('ь')) w = w.slice(0, -1);
  if (w.length > 3 && w.at(-1) === w.at(-2) && !VOWELS.includes(w.at(-1)!)) w = w.slice(0, -1);
  return w;
}

const VOWELS = 'аеєиіїоуюя';
/** Letters that, after a vowel, stand for й and a vowel. */
const IOTATED = 'єїюя';

/** Inflectional endings of nouns, adjectives, pronouns and verbs; the longest that fits is dropped. */
const ENDINGS = [
  // nouns
  'ами',
  'ями',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'єм',
  'ою',
  'ею',
  'єю',
  'ів',
  'їв',
  'ей',
  'ові',
  'еві',
  'єві',
  'а',
  'я',
  'о',
  'е',
  'є',
  'і',
  'ї',
  'и',
  'у',
  'ю',
  // adjectives and pronouns
  'ого',
  'ому',
  'ими',
  'іми',
  'ий',
  'ій',
  'ої',
  'им',
  'ім',
  'их',
  'іх',
  'ая',
  'яя',
  // verbs
  'ати',
  'яти',
  'ити',
  'іти',
  'ють',
  'еть',
  'єть',
  'ать',
  'ять',
  'уть',
  'ить',
  'іть',
  'емо',
  'ємо',
  'имо',
  'ете',
  'єте',
  'ите',
  'ли',
  'ла',
  'ло',
  'ав',
  'ив',
];

/** The endings by their last letter, longest first: a word is checked against the few that could fit. */
const BY_LAST_LETTER = new Map<string, string[]>();
for (const ending of [...new Set(ENDINGS)].sort((a, b) => b.length - a.length)) {
  const last = ending.at(-1)!;
  BY_LAST_LETTER.set(last, [...(BY_LAST_LETTER.get(last) ?? []), ending]);
}
const HAS_VOWEL = /[аеєиіїоуюя]/;

function dropEnding(w: string, again: boolean): string {
  for (const ending of BY_LAST_LETTER.get(w.at(-1) ?? '') ?? []) {
    if (!w.endsWith(ending)) continue;
    const stem = w.slice(0, -ending.length);
    if (stem.length < 3 || !HAS_VOWEL.test(stem)) continue;
    if (IOTATED.includes(ending[0]!) && VOWELS.includes(stem.at(-1)!))
      return again ? dropEnding(`${stem}й`, false) : `${stem}й`;
    return stem;
  }
  return w;
}

/**
 * The forms of a stem whose last syllable may alternate: і in a closed syllable is о or е in an open one (Львів /
 * Львова, рік / року, радість / радості), ї is є (Київ / Києва). A stem with і or ї before its last one or two
 * consonants also stands for those forms; any other stem stands for itself alone.
 */
export function stemAlternates(stem: string): string[] {
  const m = /^(.+)([ії])([^аеєиіїоуюя]{1,2})$/u.exec(stem);
  if (!m || stem.length < 3) return [stem];
  const [, head, vowel, tail] = m as unknown as [string, string, string, string];
  return vowel === 'ї' ? [stem, `${head}є${tail}`] : [stem, `${head}о${tail}`, `${head}е${tail}`];
}
