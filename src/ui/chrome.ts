import type { AppDeps } from '../app.deps.js';
import { type Edition, editionPath } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { sectionUrl } from '../sections/section.repo.js';
import type { Chrome } from './layout.js';

/**
 * Loads what the page shell shows in an edition: the newsroom's name, its top-level sections (links inside the
 * edition, named in its language), the edition's words and the other editions. All from memory (the lookups and the live hub): no query.
 * Without an edition (a page outside editions, an error before one was known) it is the primary edition's.
 */
export async function loadChrome(
  deps: Pick<AppDeps, 'lookups' | 'config'> & Partial<Pick<AppDeps, 'live'>>,
  edition?: Edition,
): Promise<Chrome> {
  const settings = await deps.lookups.settings();
  const current = edition ?? (settings.editions[0] as Edition);
  // In the edition's words (its names where written, the primary's elsewhere), from memory too.
  const sections = await deps.lookups.sections(current.code);
  return {
    name: settings.name,
    description: settings.description,
    language: current.code,
    edition: current,
    editions: settings.editions,
    publicUrl: deps.config.publicUrl,
    t: translator(current.code),
    nav: sections
      .filter((s) => s.parent_id === null)
      .map((s) => ({ name: s.name, url: editionPath(current, sectionUrl(s.slug)) })),
    // From memory, no query: the banner is cached by the live hub and refreshed by events.
    live: deps.live ? { since: deps.live.head(), banner: deps.live.banner() } : undefined,
  };
}
