import type { CoreDeps } from '../core.deps.js';
import type { Edition } from '../editions/edition.js';
import type { EditionWords } from './newsroom-words.js';
import { SETTING_KEYS, type SiteSettings, getSettings, putSetting, settingValue } from './settings.repo.js';

/**
 * Saves the newsroom's settings (typed values: the face parsed them); one left out stays as it is (the comments
 * page sends only the comment rules, the settings page leaves them out). Only those that changed are written, all
 * in one transaction, so a failed write leaves every setting as it was. Words for an edition the newsroom no
 * longer has are dropped. Then `settings.updated` is emitted: the
 * lookups forget the settings they keep and every cached page is purged (each page's shell shows the name).
 * Returns the names of the settings that changed; nothing is emitted when none did.
 */
export async function updateSettings(
  deps: Pick<CoreDeps, 'db' | 'events'>,
  input: Partial<Omit<SiteSettings, 'language'>>,
  actor: string,
): Promise<(keyof SiteSettings)[]> {
  const changed = await deps.db.transaction().execute(async (tx) => {
    const current = await getSettings(tx);
    // The primary language is the first edition's: one value, never two that disagree.
    const editions = input.editions ?? current.editions;
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const language = editions[0]?.code ?? current.language;
    const editionWords = keptWords(input.editionWords ?? current.editionWords, editions);
    const values: SiteSettings = { ...current, ...given, editions, language, editionWords };
    const names = (Object.keys(SETTING_KEYS) as (keyof SiteSettings)[]).filter(
      (name) => settingValue(values[name]) !== settingValue(current[name]),
    );
    for (const name of names) await putSetting(tx, SETTING_KEYS[name], settingValue(values[name]));
    return names;
  });
  if (changed.length) deps.events.publish({ type: 'settings.updated', id: 0, actor });
  return changed;
}

/**
 * The words per edition worth keeping: those of the editions other than the primary (whose words are the base
 * settings), in the editions' order, without an edition whose words are all empty.
 */
function keptWords(words: EditionWords, editions: readonly Edition[]): EditionWords {
  return Object.fromEntries(
    editions.slice(1).flatMap((e) => {
      const w = words[e.code];
      return w && (w.name || w.description || w.address) ? [[e.code, w] as const] : [];
    }),
  );
}
