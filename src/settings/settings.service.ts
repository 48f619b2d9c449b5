import type { CoreDeps } from '../core.deps.js';
import { SETTING_KEYS, type SiteSettings, getSettings, putSetting, settingValue } from './settings.repo.js';

/**
 * Saves the newsroom's settings (typed values: the face parsed them). Only those that changed are written, all
 * in one transaction, so a failed write leaves every setting as it was. Then `settings.updated` is emitted: the
 * lookups forget the settings they keep and every cached page is purged (each page's shell shows the name).
 * Returns the names of the settings that changed; nothing is emitted when none did.
 */
export async function updateSettings(
  deps: Pick<CoreDeps, 'db' | 'events'>,
  input: Omit<SiteSettings, 'language' | 'editions' | 'address' | 'eraseComments'> &
    Partial<Pick<SiteSettings, 'editions' | 'address' | 'eraseComments'>>,
  actor: string,
): Promise<(keyof SiteSettings)[]> {
  const changed = await deps.db.transaction().execute(async (tx) => {
    const current = await getSettings(tx);
    // The primary language is the first edition's: one value, never two that disagree.
    const editions = input.editions ?? current.editions;
    const values: SiteSettings = {
      ...input,
      editions,
      language: editions[0]?.code ?? current.language,
      address: input.address ?? current.address,
      eraseComments: input.eraseComments ?? current.eraseComments,
    };
    const names = (Object.keys(SETTING_KEYS) as (keyof SiteSettings)[]).filter(
      (name) => settingValue(values[name]) !== settingValue(current[name]),
    );
    for (const name of names) await putSetting(tx, SETTING_KEYS[name], settingValue(values[name]));
    return names;
  });
  if (changed.length) deps.events.publish({ type: 'settings.updated', id: 0, actor });
  return changed;
}
