import type { AppDeps } from '../app.deps.js';
import type { User } from '../db/database.js';
import { badRequest } from '../http/errors.js';
import { listSections } from '../sections/section.repo.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { assertCan } from '../users/user.policy.js';
import type { EditionMenus, MenuLink, Menus } from './menu.js';
import { type MenuLine, type MenusForm, readMenuLines } from './menu.input.js';
import { type PageRow, listPages } from './page.repo.js';

type MenuDeps = Pick<AppDeps, 'db' | 'events'>;

/**
 * Saves one edition's navigation and footer menus (editors and up), given as the desk's lines (menu.input.ts):
 * each section and page is looked up by slug and kept by id, so a later rename keeps the link. A slug that names
 * nothing, or a page in no edition, is a 400 naming it; nothing is saved then. Through the settings service:
 * `settings.updated` purges every cached page (each shows the menus).
 */
export async function saveEditionMenus(deps: MenuDeps, user: User, form: MenusForm): Promise<EditionMenus> {
  assertCan(user, 'menus.manage', undefined, 'Only editors can change the menus.');
  const settings = await getSettings(deps.db);
  if (!settings.editions.some((e) => e.code === form.edition))
    throw badRequest('Choose one of the newsroom’s editions.');
  const [sections, pages] = await Promise.all([listSections(deps.db), listPages(deps.db)]);
  const sectionIds = new Map(sections.map((s) => [s.slug, s.id]));
  const pageIds = new Map(pages.map((p) => [p.slug, p.id]));
  const resolve = (line: MenuLine): MenuLink => {
    const to = line.to;
    let target: MenuLink['to'];
    if ('section' in to) {
      const id = sectionIds.get(to.section);
      if (id === undefined) throw badRequest(`There is no section "${to.section}". Check the slug in Sections.`);
      target = { section: id };
    } else if ('page' in to) {
      const id = pageIds.get(to.page);
      if (id === undefined) throw badRequest(`There is no page "${to.page}". Check the slug in Pages.`);
      target = { page: id };
    } else target = { url: to.url };
    const link: MenuLink = { label: line.label, to: target };
    return line.children.length ? { ...link, children: line.children.map(resolve) } : link;
  };
  const read = (text: string, which: string) => {
    try {
      return readMenuLines(text);
    } catch (err) {
      throw badRequest(`${which} menu: ${(err as Error).message}`);
    }
  };
  const menus: EditionMenus = {
    header: read(form.header, 'Navigation').map(resolve),
    footer: read(form.footer, 'Footer').map(resolve),
  };
  const next: Menus = { ...settings.menus, [form.edition]: menus };
  await updateSettings(deps, { menus: next }, `user:${user.id}`);
  return menus;
}

/** An edition's menus as the desk's form shows them: the lines readMenuLines reads back (ids named by slug). */
export async function editionMenuLines(
  deps: Pick<AppDeps, 'db'>,
  menus: EditionMenus | undefined,
): Promise<{ header: string; footer: string; pages: PageRow[]; sections: { slug: string; name: string }[] }> {
  const [sections, pages] = await Promise.all([listSections(deps.db), listPages(deps.db)]);
  const sectionSlugs = new Map(sections.map((s) => [s.id, s.slug]));
  const pageSlugs = new Map(pages.map((p) => [p.id, p.slug]));
  const line = (l: MenuLink, nested: boolean): string[] => {
    const to = l.to;
    const target =
      'section' in to
        ? `section:${sectionSlugs.get(to.section) ?? '(deleted)'}`
        : 'page' in to
          ? `page:${pageSlugs.get(to.page) ?? '(deleted)'}`
          : to.url;
    const own = `${nested ? '- ' : ''}${l.label ? `${l.label} | ` : ''}${target}`;
    return [own, ...(l.children ?? []).flatMap((c) => line(c, true))];
  };
  const text = (links: readonly MenuLink[] | undefined) => (links ?? []).flatMap((l) => line(l, false)).join('\n');
  return {
    header: text(menus?.header),
    footer: text(menus?.footer),
    pages,
    sections: sections.map((s) => ({ slug: s.slug, name: s.name })),
  };
}
