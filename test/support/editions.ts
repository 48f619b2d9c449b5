import type { AppDeps } from '../../src/app.deps.js';
import type { Edition } from '../../src/editions/edition.js';
import { getSettings } from '../../src/settings/settings.repo.js';
import { updateSettings } from '../../src/settings/settings.service.js';

/** The demo's two editions: English (primary, at /) and Ukrainian (at /uk/). */
export const EN: Edition = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
export const UK: Edition = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

/** Gives the test newsroom these editions (the primary first), through the settings service as the desk does. */
export async function withEditions(deps: AppDeps, editions: Edition[] = [EN, UK]): Promise<void> {
  await updateSettings(deps, { ...(await getSettings(deps.db)), editions }, 'test');
}
