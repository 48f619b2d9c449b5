import { type Alternate, type Edition, editionPath } from '../editions/edition.js';
import type { StoryKind } from '../db/database.js';

/**
 * The reader URL of a story, in its edition (`/stories/x`, `/uk/stories/x`). A static page (kind 'page', src/pages)
 * lives at the site's top level instead (`/about`, `/uk/about`): its slug is checked against the paths the site's
 * own routes take (`pages/page.url.ts`).
 */
export const storyUrl = (slug: string, edition?: Pick<Edition, 'prefix'>, kind?: StoryKind) => {
  const path = kind === 'page' ? `/${slug}` : `/stories/${slug}`;
  return edition ? editionPath(edition, path) : path;
};

/**
 * A story's counterparts: it and its published translations (`members`, the story included), each in its
 * edition, in the editions' order (a language with no edition is left out). None when it has no translation.
 * The story page's hreflang links, the sitemaps' and the feeds' all come from here, so they agree. Translations
 * share their story's kind (a page's are pages), so `kind` is the group's.
 */
export function storyAlternates(
  editions: readonly Edition[],
  members: readonly { slug: string; language: string }[],
  kind?: StoryKind,
): Alternate[] {
  if (members.length < 2) return [];
  return editions.flatMap((edition) => {
    const s = members.find((m) => m.language === edition.code);
    return s ? [{ edition, path: storyUrl(s.slug, edition, kind) }] : [];
  });
}
