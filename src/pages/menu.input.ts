import { z } from 'zod';
import { isSafeHref } from '../document/safe-href.js';
import { SLUG_PATTERN } from '../stories/slug.js';
import { LANGUAGE_TAG } from '../editions/edition.js';
import { MENU_LABEL_MAX, MENU_MAX_LINKS, MENU_URL_MAX } from './menu.js';

/** A menu line's target before its slug is looked up: a section or a page by slug, or a URL. */
export type LineTarget = { section: string } | { page: string } | { url: string };

/** One line of a menu as the desk typed it. */
export interface MenuLine {
  label: string;
  to: LineTarget;
  children: MenuLine[];
}

/** Control characters (but tab) have no place in a menu. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * Reads a menu as the desk's form sends it: one link a line, `Label | target`, in order; a line starting with
 * `-` is a link under the line above it (one level). The target is `section:<slug>`, `page:<slug>`, or an address
 * (`https://…`, `mailto:…`, `/path`); the label may be left out (`page:about`): the section's or page's own name.
 * Throws a message naming the line for anything else.
 */
export function readMenuLines(text: string): MenuLine[] {
  const out: MenuLine[] = [];
  let count = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `Line ${i + 1}`;
    if (CONTROL.test(line)) throw new Error(`${where}: remove the control characters.`);
    const nested = line.startsWith('-');
    const body = nested ? line.replace(/^-\s*/, '') : line;
    if (body.startsWith('-')) throw new Error(`${where}: menus nest one level only (one "-").`);
    const bar = body.lastIndexOf('|');
    const label = (bar < 0 ? '' : body.slice(0, bar)).trim();
    const target = (bar < 0 ? body : body.slice(bar + 1)).trim();
    if (label.length > MENU_LABEL_MAX) throw new Error(`${where}: a label is at most ${MENU_LABEL_MAX} characters.`);
    const to = readTarget(target, where);
    if (++count > MENU_MAX_LINKS) throw new Error(`A menu holds at most ${MENU_MAX_LINKS} links.`);
    const link: MenuLine = { label, to, children: [] };
    if (!nested) out.push(link);
    else {
      const parent = out[out.length - 1];
      if (!parent) throw new Error(`${where}: a link with "-" goes under a link above it; the menu starts with one.`);
      parent.children.push(link);
    }
  });
  return out;
}

function readTarget(target: string, where: string): LineTarget {
  const m = /^(section|page):(.*)$/.exec(target);
  if (m) {
    const slug = m[2]!.trim();
    if (!SLUG_PATTERN.test(slug) || slug.length > 200)
      throw new Error(`${where}: "${m[1]}:" needs a slug, e.g. ${m[1]}:about.`);
    return m[1] === 'section' ? { section: slug } : { page: slug };
  }
  if (!target) throw new Error(`${where}: say where the link goes (section:…, page:… or an address).`);
  if (target.length > MENU_URL_MAX || !isSafeHref(target))
    throw new Error(`${where}: a link goes to section:<slug>, page:<slug>, an http(s) or mailto address, or a /path.`);
  return { url: target };
}

/** The menus form: which edition, and its two menus as lines (each read by readMenuLines in the service). */
export const MenusFormSchema = z.object({
  edition: z.string().trim().regex(LANGUAGE_TAG, 'Choose one of the newsroom’s editions.'),
  header: z.string().max(20_000, 'A menu is at most 20,000 characters.').default(''),
  footer: z.string().max(20_000, 'A menu is at most 20,000 characters.').default(''),
});
export type MenusForm = z.output<typeof MenusFormSchema>;
