/** Words a reader gets through in a minute: the figure the "N min read" label uses. */
export const WORDS_PER_MINUTE = 238;

/**
 * Counts words: runs of letters or digits, in any script, with their combining marks (a stress mark inside a
 * Ukrainian word does not split it) and apostrophes (' ’ ʼ) and hyphens inside.
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'’ʼ-]|(?<=\p{N})[.,](?=\p{N}))*/gu)?.length ?? 0;
}

/** Minutes to read `words` words: words ÷ 238, rounded up, never less than 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
