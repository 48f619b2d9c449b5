/**
 * English stemming by Martin Porter's algorithm (1980, "An algorithm for suffix stripping"), the one SQLite's
 * `porter` tokenizer implements: "connected", "connecting" and "connections" all become "connect". Input is a
 * lower-case word of the letters a–z (search.words.ts decides which words get here).
 */
export function stemEnglish(word: string): string {
  if (word.length <= 2) return word;
  let w = step1a(word);
  w = step1b(w);
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  w = step4(w);
  return step5(w);
}

/** A consonant at `i`: not a e i o u, and y only when it follows a vowel (or starts the word). */
function isConsonant(w: string, i: number): boolean {
  const c = w[i]!;
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** m, the number of vowel–consonant sequences in the stem ([C](VC)^m[V]). */
function measure(s: string): number {
  let m = 0;
  let i = 0;
  while (i < s.length && isConsonant(s, i)) i++;
  while (i < s.length) {
    while (i < s.length && !isConsonant(s, i)) i++;
    if (i >= s.length) break;
    m++;
    while (i < s.length && isConsonant(s, i)) i++;
  }
  return m;
}

const hasVowel = (s: string): boolean => [...s].some((_, i) => !isConsonant(s, i));
const endsDoubleConsonant = (s: string): boolean =>
  s.length >= 2 && s.at(-1) === s.at(-2) && isConsonant(s, s.length - 1);
/** Ends consonant–vowel–consonant, the last not w, x or y ("hop", not "how"). */
const endsCvc = (s: string): boolean => {
  const n = s.length;
  return (
    n >= 3 && isConsonant(s, n - 1) && !isConsonant(s, n - 2) && isConsonant(s, n - 3) && !'wxy'.includes(s[n - 1]!)
  );
};

function step1a(w: string): string {
  if (w.endsWith('sses') || w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  const suffix = w.endsWith('ed') ? 2 : w.endsWith('ing') ? 3 : 0;
  if (!suffix || !hasVowel(w.slice(0, -suffix))) return w;
  const s = w.slice(0, -suffix);
  if (s.endsWith('at') || s.endsWith('bl') || s.endsWith('iz')) return `${s}e`;
  if (endsDoubleConsonant(s) && !'lsz'.includes(s.at(-1)!)) return s.slice(0, -1);
  if (measure(s) === 1 && endsCvc(s)) return `${s}e`;
  return s;
}

type Rules = readonly (readonly [suffix: string, replacement: string])[];

const STEP2: Rules = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];

const STEP3: Rules = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

/** The longest matching suffix is the rule; it applies when the stem's measure is above `minMeasure`. */
function replaceSuffix(w: string, rules: Rules, minMeasure: number): string {
  let best: (typeof rules)[number] | undefined;
  for (const rule of rules) if (w.endsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  if (!best) return w;
  const stem = w.slice(0, -best[0].length);
  return measure(stem) > minMeasure ? stem + best[1] : w;
}

function step4(w: string): string {
  let best = '';
  for (const s of STEP4) if (w.endsWith(s) && s.length > best.length) best = s;
  if (!best) return w;
  const stem = w.slice(0, -best.length);
  if (best === 'ion' && !(stem.endsWith('s') || stem.endsWith('t'))) return w;
  return measure(stem) > 1 ? stem : w;
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}
