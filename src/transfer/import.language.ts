import type { Edition } from '../editions/edition.js';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A language as an export writes it ("uk", "uk-UA", WordPress's "uk_UA", "EN-us") as a canonical BCP 47 tag
 * ("uk", "uk-UA", "en-US"), or null for anything that is not one ("English", "", "x").
 */
export function languageTag(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text)) return null;
  try {
    return Intl.getCanonicalLocales(text)[0] ?? null;
  } catch {
    return null;
  }
}

/** Whether a tag's language is one the platform knows by name (so "#uk" is a language, "#ad" is not). */
export function isKnownLanguage(tag: string): boolean {
  const language = tag.split('-')[0]!;
  return names.of(language) !== undefined;
}

/**
 * The edition a source language belongs to: the one whose code is the tag ("pt-BR" → pt-BR), else the one
 * whose code's language is the tag's ("uk-UA" → uk, "pt" → pt-BR); undefined when the newsroom has none.
 */
export function editionForLanguage(editions: readonly Edition[], tag: string): Edition | undefined {
  const lower = tag.toLowerCase();
  const base = (code: string) => code.toLowerCase().split('-')[0];
  return editions.find((e) => e.code.toLowerCase() === lower) ?? editions.find((e) => base(e.code) === base(lower));
}
