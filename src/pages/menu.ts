import { z } from 'zod';
import { isSafeHref } from '../document/safe-href.js';

/**
 * The navigation and footer menus (src/pages): one pair per edition's language, kept in the settings
 * (`site.menus`, JSON) so they are in memory with the rest of the shell and a change purges every page
 * (`settings.updated`). A link goes to a section or a page by id (a renamed slug keeps the link), or to a URL;
 * a top-level link may hold one level of links under it.
 */
export type MenuTarget = { section: number } | { page: number } | { url: string };

/** One link of a menu; `children` only on a top-level link (one level of nesting). */
export interface MenuLink {
  /** The words shown; empty: the section's name or the page's headline in the edition's language. */
  label: string;
  to: MenuTarget;
  children?: MenuLink[];
}

/** The two menus of one edition. */
export interface EditionMenus {
  header: MenuLink[];
  footer: MenuLink[];
}

/** Every edition's menus, by language code. An edition with none shows its top-level sections in the header. */
export type Menus = Record<string, EditionMenus>;

/** The most links one menu holds (all levels), and a label's length. */
export const MENU_MAX_LINKS = 40;
export const MENU_LABEL_MAX = 80;
export const MENU_URL_MAX = 2000;

const id = z.number().int().min(1).max(2_147_483_647);
const Target = z.union([
  z.object({ section: id }).strict(),
  z.object({ page: id }).strict(),
  z
    .object({ url: z.string().min(1).max(MENU_URL_MAX).refine(isSafeHref, 'A link is http(s), mailto, or a path.') })
    .strict(),
]);
const Leaf = z.object({ label: z.string().max(MENU_LABEL_MAX), to: Target }).strict();
const Top = Leaf.extend({ children: z.array(Leaf).max(MENU_MAX_LINKS).optional() }).strict();
const Menu = z
  .array(Top)
  .max(MENU_MAX_LINKS)
  .refine((links) => links.reduce((n, l) => n + 1 + (l.children?.length ?? 0), 0) <= MENU_MAX_LINKS, {
    message: `A menu holds at most ${MENU_MAX_LINKS} links.`,
  });

/** The stored menus' schema: what the settings keep, checked again when read. */
export const MenusSchema = z.record(
  z.string().max(40),
  z.object({ header: Menu.default([]), footer: Menu.default([]) }).strict(),
);

/** The menus stored as JSON; none (an empty record) for a value that is missing or no longer valid. */
export function parseMenus(json: string | undefined): Menus {
  if (!json) return {};
  try {
    const parsed = MenusSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The ids of the pages any menu links to (a change to one of them purges every page: each shows the menus). */
export function menuPageIds(menus: Menus): Set<number> {
  const ids = new Set<number>();
  const walk = (links: readonly MenuLink[]) => {
    for (const l of links) {
      if ('page' in l.to) ids.add(l.to.page);
      if (l.children) walk(l.children);
    }
  };
  for (const m of Object.values(menus)) {
    walk(m.header);
    walk(m.footer);
  }
  return ids;
}
