import type { AppDeps } from '../app.deps.js';
import { listSections, sectionUrl } from '../sections/section.repo.js';
import { getSettings } from '../settings/settings.repo.js';
import type { Chrome } from './layout.js';

/** Loads what the page shell shows: the newsroom's name and its top-level sections. */
export async function loadChrome(deps: Pick<AppDeps, 'db'> & Partial<Pick<AppDeps, 'live'>>): Promise<Chrome> {
  const [settings, sections] = await Promise.all([getSettings(deps.db), listSections(deps.db)]);
  return {
    name: settings.name,
    description: settings.description,
    language: settings.language,
    nav: sections.filter((s) => s.parent_id === null).map((s) => ({ name: s.name, url: sectionUrl(s.slug) })),
    // From memory, no query: the banner is cached by the live hub and refreshed by events.
    live: deps.live ? { since: deps.live.head(), banner: deps.live.banner() } : undefined,
  };
}
