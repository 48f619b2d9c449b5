/**
 * Surrogate keys: the names a cached response gives to what it contains. A change purges the keys it
 * touches, and with them exactly the responses (in-process and at the CDN) that show the changed thing.
 *
 * - `story:<id>`        — the story's page, and every page that shows its card (listings, embeds, News Feed blocks).
 * - a list key           — the first page of a listing: `home`, `section:<id>`, `tag:<id>`, `author:<id>`.
 *                          A new publish changes the first page of each list the story belongs to.
 * - `<list>:archive`     — the "Show More" pages of a list (`?before=`). Keyset pages are positions in time, so
 *                          a new story never changes them; only a story placed (or moved) deep into a list does.
 * - `feed:<list>`        — machine feeds of a list (RSS, JSON API lists): `feed:home`, `feed:section:<id>`.
 * - `newsfeed`           — the News Feed block under every story page (the newest stories).
 * - `search`             — every page of search results (site and API): any story that changes may enter, leave or
 *                          move in any search, so every story event purges them all.
 * - `chrome`             — the shell every page shows: newsroom name, sections (navigation, card labels).
 * - `profile:author:<id>`, `tagname:<id>` — where an author's profile or a tag's name is shown.
 * - `comments:<story>`   — a story's readers' comments (their page and the fragment the story page loads): purged by
 *                          comment events and `comments.closed` (the site's rule closed them, which also purges the story), so a comment
 *                          never purges the story's own page.
 */
export const cacheKeys = {
  story: (id: number) => `story:${id}`,
  home: 'home',
  section: (id: number) => `section:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
  archive: (list: string) => `${list}:archive`,
  feed: (list: string) => `feed:${list}`,
  newsfeed: 'newsfeed',
  search: 'search',
  chrome: 'chrome',
  authorProfile: (id: number) => `profile:author:${id}`,
  tagName: (id: number) => `tagname:${id}`,
  comments: (storyId: number) => `comments:${storyId}`,
} as const;

/** How many of the newest stories of a list a first page (or a feed) may show; longer heads must add the archive key. */
export const LIST_HEAD_SIZE = 50;

/** The shortest first page that hands out a "Show More" cursor (the story page's News Feed block, 10 + itself). */
export const SHORTEST_HEAD = 10;

/**
 * The keys of one page of a listing: the shell, the list (its first page, or its archive for `?before=` pages)
 * and every story shown. Feeds and API lists pass `feed:<list>` as the list, with `deep` when paged.
 */
export function listingKeys(list: string, deep: boolean, storyIds: readonly number[]): string[] {
  return [cacheKeys.chrome, deep ? cacheKeys.archive(list) : list, ...storyIds.map(cacheKeys.story)];
}
