import i18next, { type i18n } from 'i18next';
import { LruMap } from '../lib/lru.js';
import type { Catalogue, Translate } from './catalogue.types.js';
import { en } from './messages/en.js';
import { uk } from './messages/uk.js';

/** Every catalogue, by language. A new language adds its file here; catalogue.test.ts then holds it to English. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, uk };

/** The language whose words stand in for a message (or a whole language) a catalogue lacks. */
export const FALLBACK_LANGUAGE = 'en';

/**
 * Messages as i18next made them, per language, by key and values. A message is a pure function of those, and
 * i18next spends 15–80 µs on one (key lookup, plural rules, interpolation), a dozen times on every page: so each is
 * made once and kept. Bounded, least recently shown first out: values are mostly counts and people's names.
 */
const MESSAGES_KEPT = 20_000;

let instance: i18n | undefined;
const bound = new Map<string, Translate>();

function catalogueInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  // Synchronous: the resources are in memory, so `t` works as soon as this returns.
  void created.init({
    initAsync: false,
    resources: Object.fromEntries(
      Object.entries(CATALOGUES).map(([lng, messages]) => [lng, { translation: messages }]),
    ),
    fallbackLng: FALLBACK_LANGUAGE,
    // Keys are flat ("story.readingTime"): no nesting, no namespaces in keys.
    keySeparator: false,
    nsSeparator: false,
    // Views escape every value they show; escaping here too would show "&amp;" to readers.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/** The language a catalogue exists for: "uk-UA" → "uk"; one with none gets the fallback's words. */
export function catalogueLanguage(code: string): string {
  if (CATALOGUES[code]) return code;
  const base = code.split('-')[0] ?? code;
  return CATALOGUES[base] ? base : FALLBACK_LANGUAGE;
}

/**
 * The words of a language, as a function bound to it (made once per language and kept: pages call it dozens of
 * times). Plural forms follow the language's rules through Intl.PluralRules (i18next picks `_few`, `_many`…).
 */
export function translator(code: string): Translate {
  const lng = catalogueLanguage(code);
  let t = bound.get(lng);
  if (!t) {
    const fixed = catalogueInstance().getFixedT(lng);
    const made = new LruMap<string, string>(MESSAGES_KEPT);
    t = (key, values) => {
      const memoKey = values ? `${key}\u0000${JSON.stringify(values)}` : key;
      let text = made.get(memoKey);
      if (text === undefined) {
        text = fixed(key, values as Record<string, unknown>) as string;
        made.set(memoKey, text);
      }
      return text;
    };
    bound.set(lng, t);
  }
  return t;
}
