import type { AppDeps } from '../app.deps.js';
import { type Edition, editionPath } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { sectionUrl } from '../sections/section.url.js';
import { newsroomIn } from '../settings/newsroom-words.js';
import { menuLinks } from '../pages/menu.links.js';
import type { Chrome } from './layout.js';
import type { Newsletter } from '../db/database.js';
import type { SignUpChoice } from '../newsletters/signup.form.js';

/**
 * Loads what the page shell shows in an edition: the newsroom's name and description in it, its navigation and
 * footer menus (or its top-level sections: links inside the edition, named in its language), the edition's words
 * and the other editions. All from memory (the lookups and the live hub): no query.
 * Without an edition (a page outside editions, an error before one was known) it is the primary edition's.
 */
export async function loadChrome(
  deps: Pick<AppDeps, 'lookups' | 'config'> & Partial<Pick<AppDeps, 'live'>>,
  edition?: Edition,
): Promise<Chrome> {
  const settings = await deps.lookups.settings();
  const current = edition ?? (settings.editions[0] as Edition);
  // In the edition's words (its names where written, the primary's elsewhere), from memory too.
  const [sections, pages] = await Promise.all([deps.lookups.sections(current.code), deps.lookups.pages()]);
  // The edition's menus (src/pages) when the desk made them; the header lists the top-level sections otherwise.
  const menus = settings.menus[current.code];
  const menuContext = { edition: current, editions: settings.editions, sections, pages };
  const header = menus?.header.length ? menuLinks(menus.header, menuContext) : undefined;
  const { name, description } = newsroomIn(settings, current.code);
  return {
    name,
    description,
    language: current.code,
    edition: current,
    editions: settings.editions,
    publicUrl: deps.config.publicUrl,
    t: translator(current.code),
    nav:
      header ??
      sections
        .filter((s) => s.parent_id === null)
        .map((s) => ({ name: s.name, url: editionPath(current, sectionUrl(s.slug)) })),
    footerNav: menus?.footer.length ? menuLinks(menus.footer, menuContext) : [],
    // From memory too (the lookups' visible newsletters), the same list until a newsletter changes.
    newsletters: signUpChoices(await deps.lookups.newsletters(), current.code),
    // From memory, no query: the banner is cached by the live hub and refreshed by events.
    live: deps.live ? { since: deps.live.head(), banner: deps.live.banner() } : undefined,
  };
}

/** Sign-up choices by the lookups' list they were made from, per edition: one array per list, as pages memo by it. */
const choicesMade = new WeakMap<readonly Newsletter[], Map<string, readonly SignUpChoice[]>>();

/** The newsletters an edition's forms offer: those in its language or for every edition. */
export function signUpChoices(all: readonly Newsletter[], language: string): readonly SignUpChoice[] {
  let byLanguage = choicesMade.get(all);
  if (!byLanguage) {
    byLanguage = new Map();
    choicesMade.set(all, byLanguage);
  }
  let made = byLanguage.get(language);
  if (!made) {
    made = all
      .filter((n) => n.language === '' || n.language === language)
      .map((n) => ({
        id: n.id,
        name: n.name,
        description: n.description,
        defaultOn: n.default_on === 1,
        daily: n.digest_hour === null ? null : `${String(n.digest_hour).padStart(2, '0')}:00`,
      }));
    byLanguage.set(language, made);
  }
  return made;
}
