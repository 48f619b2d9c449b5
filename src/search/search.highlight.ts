import type { Segment } from './search.query.js';
import { wordTokens, wordsIn } from './search.words.js';

/**
 * Hits marked in the text as written. The index holds processed tokens, not text, so the engines cannot mark it;
 * this marks each written word whose tokens meet the query's (the same processing: "Києві" is marked for a query
 * "Київ", "connected" for "connection"), and leaves every other character as it was (views escape it).
 */
type Word = { start: number; end: number; hit: boolean };

function wordsWithHits(text: string, wanted: ReadonlySet<string>): Word[] {
  const seen = new Map<string, boolean>();
  return wordsIn(text).map(({ start, end, word }) => {
    let hit = seen.get(word);
    if (hit === undefined) {
      hit = wordTokens(word).some((t) => wanted.has(t));
      seen.set(word, hit);
    }
    return { start, end, hit };
  });
}

/** Segments of text[from, to) with the hits of `words` (which lie inside it); white space collapsed. */
function toSegments(text: string, words: readonly Word[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const plain = (a: number, b: number) => {
    const piece = text.slice(a, b).replace(/\s+/g, ' ');
    if (!piece) return;
    const last = out.at(-1);
    if (last && !last.hit) last.text += piece;
    else out.push({ text: piece, hit: false });
  };
  let at = from;
  for (const w of words) {
    if (!w.hit) continue;
    plain(at, w.start);
    out.push({ text: text.slice(w.start, w.end), hit: true });
    at = w.end;
  }
  plain(at, to);
  return out;
}

/** The whole text (a headline, a dek) with its hits marked. */
export function markHits(text: string, wanted: ReadonlySet<string>): Segment[] {
  return toSegments(text, wordsWithHits(text, wanted), 0, text.length);
}

/** Whether the text has a hit at all. */
export const hasHit = (parts: readonly Segment[]): boolean => parts.some((p) => p.hit);

/**
 * The passage of about `size` words with the most hits (starting up to six words before its first), with "…" where
 * it was cut; empty when nothing in the text matched.
 */
export function bestPassage(text: string, wanted: ReadonlySet<string>, size = 32): Segment[] {
  const words = wordsWithHits(text, wanted);
  let best = -1;
  let bestHits = 0;
  for (let i = 0; i < words.length; i++) {
    if (!words[i]!.hit) continue;
    const start = Math.max(0, i - 6);
    let hits = 0;
    for (let j = start; j < Math.min(words.length, start + size); j++) if (words[j]!.hit) hits++;
    if (hits > bestHits) {
      best = start;
      bestHits = hits;
    }
  }
  if (best < 0) return [];
  const end = Math.min(words.length, best + size);
  const inside = words.slice(best, end);
  // A cut falls between words, so what stands next to a word (a quote mark, a bracket, a stop) stays with it.
  let from = best === 0 ? 0 : words[best - 1]!.end;
  let to = end === words.length ? text.length : words[end]!.start;
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  const parts = toSegments(text, inside, from, to);
  if (best > 0) parts.unshift({ text: '… ', hit: false });
  if (end < words.length) parts.push({ text: ' …', hit: false });
  return parts;
}
