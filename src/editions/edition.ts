import { z } from 'zod';
import { isReservedPageSlug } from '../pages/page.url.js';

/**
 * One edition of the newsroom: a language with its own URL prefix, home News Feed, listings, feeds and search.
 * The first edition of a newsroom's list is its primary one, served at `/` (its prefix is always empty).
 */
export interface Edition {
  /** BCP 47 language tag: a story's `language`, `hreflang`, `<html lang>` (e.g. "en", "uk"). */
  code: string;
  /** The locale dates and numbers are formatted in and `og:locale` is derived from (e.g. "en-GB", "uk-UA"). */
  locale: string;
  /** The edition's own name for itself, as the language switcher shows it ("English", "Українська"). */
  name: string;
  /** The URL prefix without slashes: "" for the primary edition, e.g. "uk" for the others. */
  prefix: string;
}

/** A BCP 47 language tag as editions use them: "en", "uk", "pt-BR", "en-GB". The one pattern every input checks. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** A prefix is one lower-case path segment of 2–8 letters or digits and hyphens, e.g. "uk", "en-us". */
export const PREFIX_PATTERN = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

const EditionSchema = z.object({
  code: z.string().trim().regex(LANGUAGE_TAG, 'A language is a code such as en, uk or pt-BR.'),
  locale: z.string().trim().regex(LANGUAGE_TAG, 'A locale is a code such as en-GB or uk-UA.'),
  name: z.string().trim().min(1, 'Each edition needs a name.').max(40),
  prefix: z.string().trim().toLowerCase(),
});

/** The newsroom's editions as saved: at least one, each language and prefix once, the first one at `/`. */
export const EditionsSchema = z
  .array(EditionSchema)
  .min(1, 'A newsroom has at least one edition.')
  .max(20, 'At most 20 editions.')
  .superRefine((eds, ctx) => {
    const codes = new Set<string>();
    const prefixes = new Set<string>();
    eds.forEach((e, i) => {
      if (codes.has(e.code)) ctx.addIssue({ code: 'custom', message: `The language ${e.code} is listed twice.` });
      codes.add(e.code);
      if (i === 0 && e.prefix !== '')
        ctx.addIssue({ code: 'custom', message: 'The first (primary) edition is served at / and has no prefix.' });
      if (i > 0 && !PREFIX_PATTERN.test(e.prefix))
        ctx.addIssue({
          code: 'custom',
          message: `The ${e.name} edition needs a prefix such as "uk": 2–3 lower-case letters, optionally "-" and a region.`,
        });
      if (prefixes.has(e.prefix)) ctx.addIssue({ code: 'custom', message: `The prefix "${e.prefix}" is used twice.` });
      prefixes.add(e.prefix);
    });
  });

/** A newsroom that never configured editions: one, in the language it was set up with. */
export function defaultEditions(language = 'en'): Edition[] {
  return [{ code: language, locale: language, name: language === 'en' ? 'English' : language, prefix: '' }];
}

/** The editions stored as JSON, or the default for a value that is missing or no longer valid. */
export function parseEditions(json: string | undefined, language: string | undefined): Edition[] {
  if (json) {
    try {
      const parsed = EditionsSchema.safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data;
    } catch {
      // An unreadable value falls back to the default below: pages keep rendering.
    }
  }
  return defaultEditions(language);
}

/** A path inside an edition: `/stories/x` in the primary, `/uk/stories/x` in the Ukrainian one. */
export function editionPath(edition: Pick<Edition, 'prefix'>, path: string): string {
  if (!edition.prefix) return path;
  return path === '/' ? `/${edition.prefix}/` : `/${edition.prefix}${path}`;
}

/**
 * The reader paths that exist in every edition (under its prefix): the home page, stories, listings, search, feeds
 * the live News Feed, a reader's account pages, the pricing and Support pages.
 * Everything else (the desk, the API, media, sitemaps, icons) exists once, unprefixed.
 */
const EDITION_PATHS =
  /^\/(?:$|stories\/|sections\/|tags\/|authors\/|search$|feed\.|live\/feed$|account(?:$|\/)|newsletters(?:$|\/)|membership(?:$|\/)|support(?:$|\/))/;

/** A static page's path (src/pages): one slug at the top level, `/about`. */
const PAGE_PATH = /^\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Whether a routed path (prefix already taken off) is one every edition has: those above, and a static page's
 * (`/about`, `/uk/pro-nas`) where the slug is not one the site's own routes take (the desk stays at /desk only).
 */
export function isEditionPath(path: string): boolean {
  return EDITION_PATHS.test(path) || (PAGE_PATH.test(path) && !isReservedPageSlug(path.slice(1)));
}

/**
 * Splits a request path into its edition prefix and the path the routes know. `/uk/stories/x` → ["uk",
 * "/stories/x"]; `/uk` and `/uk/` → ["uk", "/"]; a path with no edition-shaped first segment, or one whose rest is
 * not an edition path, keeps its whole path with an empty prefix. Whether the prefix names a configured
 * edition is the edition middleware's question: this runs before the router, on every request, with no I/O.
 */
export function splitEditionPath(path: string): [prefix: string, rest: string] {
  const slash = path.indexOf('/', 1);
  const first = slash < 0 ? path.slice(1) : path.slice(1, slash);
  if (first.length < 2 || first.length > 12 || !PREFIX_PATTERN.test(first)) return ['', path];
  const rest = slash < 0 ? '/' : path.slice(slash);
  return isEditionPath(rest) ? [first, rest] : ['', path];
}

/** The edition a prefix names, or undefined (the primary for ""). */
export function editionByPrefix(editions: readonly Edition[], prefix: string): Edition | undefined {
  return editions.find((e) => e.prefix === prefix);
}

/** The edition of a language, or the primary one when the language has no edition (an imported story's, say). */
export function editionOf(editions: readonly Edition[], code: string): Edition {
  return editions.find((e) => e.code === code) ?? (editions[0] as Edition);
}

/** `og:locale` wants language_TERRITORY: "uk-UA" → "uk_UA". */
export function ogLocale(edition: Pick<Edition, 'locale'>): string {
  return edition.locale.replace('-', '_');
}

/** A page's counterpart in one edition: its path there (without the public URL). */
export interface Alternate {
  edition: Edition;
  path: string;
}

/** The same path in every edition (none when there is only one): a home, section, tag, author or search page. */
export function everyEdition(editions: readonly Edition[], path: string): Alternate[] {
  return editions.length < 2 ? [] : editions.map((edition) => ({ edition, path: editionPath(edition, path) }));
}

/**
 * The hreflang set of a page with counterparts, as the page's head and the sitemaps both write it: one link per
 * edition that has the page, and x-default for the primary edition's (when it has one). Every counterpart gets
 * the same set, itself included, so the links are reciprocal by construction.
 */
export function hreflangLinks(
  editions: readonly Edition[],
  alternates: readonly Alternate[],
  publicUrl: string,
): { hreflang: string; href: string }[] {
  const primary = alternates.find((a) => a.edition.code === editions[0]?.code);
  return [
    ...alternates.map((a) => ({ hreflang: a.edition.code, href: publicUrl + a.path })),
    ...(primary ? [{ hreflang: 'x-default', href: publicUrl + primary.path }] : []),
  ];
}

/** The newsroom's name in one edition: "Broadsheet" alone, "Broadsheet (Українська)" when it has several. */
export function editionTitle(siteName: string, edition: Edition, editions: readonly Edition[]): string {
  return editions.length > 1 ? `${siteName} (${edition.name})` : siteName;
}
