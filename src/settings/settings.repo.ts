import type { DbHandle } from '../db/database.js';

/** The newsroom's own settings (name, description, language), with defaults for a fresh database. */
export interface SiteSettings {
  name: string;
  description: string;
  language: string;
}

export const DEFAULT_SETTINGS: SiteSettings = { name: 'Broadsheet', description: 'Independent news, as it happens.', language: 'en' };

export async function getSettings(db: DbHandle): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    name: map.get('site.name') ?? DEFAULT_SETTINGS.name,
    description: map.get('site.description') ?? DEFAULT_SETTINGS.description,
    language: map.get('site.language') ?? DEFAULT_SETTINGS.language,
  };
}

export async function putSetting(db: DbHandle, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
