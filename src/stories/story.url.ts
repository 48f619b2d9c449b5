import { type Alternate, type Edition, editionPath } from '../editions/edition.js';

/** The reader URL of a story, in its edition (`/stories/x`, `/uk/stories/x`). */
export const storyUrl = (slug: string, edition?: Pick<Edition, 'prefix'>) =>
  edition ? editionPath(edition, `/stories/${slug}`) : `/stories/${slug}`;

/**
 * A story's counterparts: it and its published translations (`members`, the story included), each in its
 * edition, in the editions' order (a language with no edition is left out). None when it has no translation.
 * The story page's hreflang links, the sitemaps' and the feeds' all come from here, so they agree.
 */
export function storyAlternates(
  editions: readonly Edition[],
  members: readonly { slug: string; language: string }[],
): Alternate[] {
  if (members.length < 2) return [];
  return editions.flatMap((edition) => {
    const s = members.find((m) => m.language === edition.code);
    return s ? [{ edition, path: storyUrl(s.slug, edition) }] : [];
  });
}
