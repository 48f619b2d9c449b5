import { pluralForms, translator } from '../i18n/catalogue.js';
import { LruMap } from '../lib/lru.js';
import { type Html, html } from './html.js';

// Rendering rule (ui/html.ts): on every reader page, so an `html` template escaped by the one escaper.

/**
 * The words site.js shows (its "Show More" loading text, the live feed's notices, the live blog's status), in one
 * language: plain texts, and the "N new stories" forms by plural category for the script to pick with
 * `Intl.PluralRules` of the page's language.
 */
export interface ScriptWords {
  loading: string;
  latest: string;
  live: string;
  liveNow: string;
  liveEnded: string;
  reload: string;
  /** The header's link for a signed-in reader. */
  account: string;
  newStories: Record<string, string>;
}

export function scriptWords(language: string): ScriptWords {
  const t = translator(language);
  return {
    loading: t('script.loading'),
    latest: t('feed.latest'),
    live: t('feed.live'),
    liveNow: t('script.liveNow'),
    liveEnded: t('script.liveEnded'),
    reload: t('script.reload'),
    account: t('layout.account'),
    newStories: pluralForms(language, 'script.newStories'),
  };
}

/** By language: the attribute, made once (every page has it; a newsroom has a few languages). */
const made = new LruMap<string, Html>(16);

/**
 * The page hands the script its words as data: a `data-site-words` attribute of `<body>` holding them as JSON,
 * escaped like any attribute value (no raw markup, nothing executed).
 */
export function scriptWordsAttribute(language: string): Html {
  let attribute = made.get(language);
  if (!attribute) {
    attribute = html` data-site-words="${JSON.stringify(scriptWords(language))}"`;
    made.set(language, attribute);
  }
  return attribute;
}
