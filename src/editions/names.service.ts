import type { Lookups } from '../cache/lookups.js';
import { badRequest } from '../http/errors.js';
import type { Edition } from './edition.js';

/**
 * Splits per-language words into the primary edition's (kept on the base row) and the other editions' (kept in a
 * translations table), refusing a language that is no edition of the newsroom. The one rule the section, tag and
 * author services share: the base row holds the primary edition's words.
 */
export async function splitByEdition<W extends { language: string }>(
  lookups: Pick<Lookups, 'settings'>,
  words: readonly W[],
): Promise<{ primary: W | undefined; others: W[]; editions: readonly Edition[] }> {
  const { editions } = await lookups.settings();
  const codes = new Set(editions.map((e) => e.code));
  const unknown = words.find((w) => !codes.has(w.language));
  if (unknown) throw badRequest(`The newsroom has no edition in the language "${unknown.language}".`);
  const primaryCode = editions[0]?.code;
  return {
    primary: words.find((w) => w.language === primaryCode),
    others: words.filter((w) => w.language !== primaryCode),
    editions,
  };
}
