import { escapeHtml } from '../lib/html-escape.js';
import { wordTokens, wordsIn } from './search.words.js';

/** Control characters never shown in a passage (nor indexed: the index holds word tokens only). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export const stripControls = (s: string): string => s.replace(CONTROL, '');

/** Longest query accepted, in characters; longer ones are a 400. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;

/**
 * The words of a query as typed: runs of letters, digits and combining marks (apostrophes inside), as the
 * index's text processing sees them (search.words.ts). Punctuation and FTS operators (`"`, `*`, `:`, `(`, `^`,
 * `-`) separate words and are otherwise dropped; words such as AND or NEAR stay plain words, because every
 * token is quoted.
 */
export function searchTerms(q: string): string[] {
  return wordsIn(q.normalize('NFC'))
    .map((w) => w.word)
    .slice(0, MAX_TERMS);
}

/** Each query word's index tokens (any one of them matches that word); words that give none are left out. */
export const termTokens = (terms: readonly string[]): string[][] =>
  terms.map(wordTokens).filter((tokens) => tokens.length > 0);

const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * An FTS5 MATCH expression that finds every word (AND) in one of its tokens (OR), in the text columns only; each
 * token quoted so it is only text. `language.is` keeps one language's stories.
 */
export function fts5Match(words: readonly string[][], language: { is?: string } = {}): string {
  const text = `{headline dek body} : (${words.map((w) => `(${w.map(quoted).join(' OR ')})`).join(' AND ')})`;
  return language.is ? `${text} AND language : ${quoted(language.is)}` : text;
}

/** The same for PostgreSQL's to_tsquery: tokens are letters, digits and marks only, quoted as lexemes. */
export const tsQuery = (words: readonly string[][]): string =>
  words.map((w) => `(${w.map((t) => `'${t.replaceAll("'", "''")}'`).join(' | ')})`).join(' & ');

/** A piece of snippet text, either a hit or the text around hits. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Snippet HTML for the API: every piece of text escaped first, then hits wrapped in <mark>. */
export const segmentsHtml = (parts: readonly Segment[]): string =>
  parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
