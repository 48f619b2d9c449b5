import { stemmer } from 'stemmer';

/**
 * English stemming by Martin Porter's algorithm (1980, "An algorithm for suffix stripping"), the one SQLite's
 * `porter` tokenizer implements: "connected", "connecting" and "connections" all become "connect" — through the
 * maintained `stemmer` package. Input is a lower-case word of the letters a–z (search.words.ts decides which words
 * get here).
 */
export function stemEnglish(word: string): string {
  return stemmer(word);
}
