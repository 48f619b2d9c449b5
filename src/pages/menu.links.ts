import type { Section } from '../db/database.js';
import { type Edition, editionOf, editionPath } from '../editions/edition.js';
import { sectionUrl } from '../sections/section.url.js';
import { storyUrl } from '../stories/story.url.js';
import type { MenuLink } from './menu.js';
import type { PageRow } from './page.repo.js';

/** A menu link as the page shell shows it. */
export interface NavLink {
  name: string;
  url: string;
  children?: NavLink[];
}

/** What resolving a menu needs, all from memory (the lookups). */
export interface MenuContext {
  edition: Edition;
  editions: readonly Edition[];
  /** The sections in the edition's words. */
  sections: readonly Section[];
  pages: readonly PageRow[];
}

/**
 * A menu's links in one edition: a section's in the edition (named in its words unless the link has a label), a
 * page's at its own address, in the edition's language when the page has a published translation in it; a
 * page that is not published (or was deleted) and a section that was deleted are left out, their children too.
 */
export function menuLinks(links: readonly MenuLink[], ctx: MenuContext): NavLink[] {
  const sections = new Map(ctx.sections.map((s) => [s.id, s]));
  const pages = new Map(ctx.pages.map((p) => [p.id, p]));
  const resolve = (link: MenuLink): NavLink | null => {
    const to = link.to;
    if ('section' in to) {
      const s = sections.get(to.section);
      return s ? { name: link.label || s.name, url: editionPath(ctx.edition, sectionUrl(s.slug)) } : null;
    }
    if ('page' in to) {
      const chosen = pages.get(to.page);
      if (!chosen) return null;
      const group = chosen.translation_group;
      const own =
        group === null
          ? undefined
          : ctx.pages.find(
              (p) => p.translation_group === group && p.language === ctx.edition.code && p.status === 'published',
            );
      const page = own ?? (chosen.status === 'published' ? chosen : undefined);
      if (!page) return null;
      return {
        name: link.label || page.headline,
        url: storyUrl(page.slug, editionOf(ctx.editions, page.language), 'page'),
      };
    }
    return { name: link.label || to.url, url: to.url };
  };
  return links.flatMap((link) => {
    const top = resolve(link);
    if (!top) return [];
    const children = (link.children ?? []).flatMap((c) => resolve(c) ?? []);
    return [children.length ? { ...top, children } : top];
  });
}
