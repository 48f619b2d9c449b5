import { LruMap } from '../lib/lru.js';
import { stemEnglish } from './stem.english.js';
import { stemAlternates, stemUkrainian } from './stem.ukrainian.js';

/**
 * The one text processing of search, run by our code on both engines, at index time and at query time alike, so
 * SQLite's FTS5 and PostgreSQL see the same tokens and only match and rank them (FTS5 `unicode61` with no
 * diacritic folding of its own; PostgreSQL the `simple` configuration, no dictionary). PostgreSQL has no
 * Ukrainian dictionary, and SQLite cannot load a tokenizer written in JavaScript: pre-processed tokens give both
 * the same Ukrainian and English handling, and one place to test it.
 *
 * A word is a run of letters, digits and combining marks, with apostrophes inside (' ’ ʼ `: Знам’янка is one
 * word). Each word is folded:
 * - Unicode NFC, then lower case in every script (КИЇВ is київ);
 * - apostrophes dropped (Знам'янка, Знам’янка, Знамʼянка and Знамянка meet);
 * - stress marks (combining acute and grave, Ки́їв) dropped; in Latin letters every diacritic (café is cafe);
 *   the Cyrillic letters й ї ё ў keep theirs, being letters of their own (й is not и, ї is not і);
 * then stemmed by the rules of its script's language among the editions': Cyrillic words by the Ukrainian
 * stemmer (with the alternates of their last syllable), words of a–z by English (Porter). So a name in Latin
 * letters in a Ukrainian story is found by the same query in either edition.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE = /['’ʼ`]/g;
const STRESS = /[\u0300\u0301]/g;
/** A Cyrillic letter with the mark that makes it another letter (й, ї, ё, ў), kept; any other mark goes. */
const MARK = /(\p{Script=Cyrillic})([\u0306\u0308])|\p{M}/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[a-z]+$/;

/** Where the words of `text` are, as written (the highlighter marks these ranges). */
export function wordsIn(text: string): { start: number; end: number; word: string }[] {
  const out: { start: number; end: number; word: string }[] = [];
  const re = new RegExp(WORD);
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: re.lastIndex, word: m[0] });
  return out;
}

/** Words that fold to themselves lower-cased: ASCII and precomposed Cyrillic, no marks, no apostrophes. */
const PLAIN = /^[0-9A-Za-z\u0400-\u04ff]+$/;

/** A word folded: lower case, no apostrophes, no stress marks, no Latin diacritics. */
export function foldWord(word: string): string {
  if (PLAIN.test(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(APOSTROPHE, '')
    .replace(STRESS, '')
    .replace(MARK, (_m, letter?: string, mark?: string) => (letter ? letter + mark : ''))
    .normalize('NFC')
    .toLowerCase();
}

/** News vocabulary is small: the tokens of the words seen most are kept (indexing a story reads thousands). */
const tokensOf = new LruMap<string, string[]>(50_000);

/** The index tokens of one written word: its stem, and the other spellings of that stem's last syllable. */
export function wordTokens(word: string): string[] {
  let tokens = tokensOf.get(word);
  if (!tokens) {
    tokens = processWord(word);
    tokensOf.set(word, tokens);
  }
  return tokens;
}

function processWord(word: string): string[] {
  const folded = foldWord(word);
  if (!folded) return [];
  if (CYRILLIC.test(folded)) return stemAlternates(stemUkrainian(folded));
  if (LATIN.test(folded)) return [stemEnglish(folded)];
  return [folded];
}

/** The text as the index stores it: every word's tokens, separated by spaces. */
export function indexText(text: string): string {
  const out: string[] = [];
  const re = new RegExp(WORD);
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(...wordTokens(m[0]));
  return out.join(' ');
}
