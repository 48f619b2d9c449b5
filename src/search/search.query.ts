import { escapeHtml } from '../lib/html-escape.js';

/** Where the engines' snippet functions mark a hit; stripped from indexed text, so only markers carry them. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Control characters never indexed: the hit markers above, and other invisibles. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export const stripControls = (s: string): string => s.replace(CONTROL, '');

/** Longest query accepted, in characters; longer ones are a 400. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;

/**
 * The words of a query: runs of letters, digits and combining marks, as both engines' tokenizers
 * see them. Punctuation and FTS operators (`"`, `*`, `:`, `(`, `^`, `-`) separate words and are
 * otherwise dropped; words such as AND or NEAR stay plain words, because every term is quoted.
 */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_TERMS);
}

/** An FTS5 MATCH expression that finds every term (implicit AND), each quoted so it is only text. */
export const fts5Match = (terms: readonly string[]): string =>
  terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');

/** A piece of snippet text, either a hit or the text around hits. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Splits engine output with hit markers into plain segments (views render them with escaping). */
export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  for (const part of marked.split(/([\u0002\u0003])/)) {
    if (part === MARK_START) hit = true;
    else if (part === MARK_END) hit = false;
    else if (part) out.push({ text: part, hit });
  }
  return out;
}

/** Snippet HTML for the API: every piece of text escaped first, then hits wrapped in <mark>. */
export const segmentsHtml = (parts: readonly Segment[]): string =>
  parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
