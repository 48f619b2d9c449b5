import type { AppDeps } from '../app.deps.js';
import type { DomainEvent } from '../events/events.js';
import { descendantIds, sectionPath } from '../sections/section.tree.js';
import { STORY_FEED_SIZE } from '../news-feed/news-feed.size.js';
import { type ListFilter, listPublished, storyAuthorIds, storyById, storyTagIds } from '../stories/story.repo.js';
import { translationGroupMembers } from '../stories/story-translation.repo.js';
import { menuPageIds } from '../pages/menu.js';
import { LIST_HEAD_SIZE, SHORTEST_HEAD, cacheKeys as K } from './cache.keys.js';

type InvalidationDeps = Pick<AppDeps, 'db' | 'events' | 'cache' | 'lookups' | 'log'>;

/**
 * Events that change nothing a cached page shows: the moderation queue (never cached), comment bans, and reader
 * accounts (reader pages are the same for everyone; the personal state is /account/state.json, never cached).
 */
const SHOWN_NOWHERE: ReadonlySet<DomainEvent['type']> = new Set([
  'comment.held',
  'comment.reported',
  'reader.banned',
  'reader.unbanned',
  'reader.created',
  'reader.updated',
  'reader.deleted',
  'user.updated',
  'user.invited',
  'webhook.updated',
  'api-key.updated',
]);

/**
 * Subscribes the render cache (and through it the CDN purge hook) to domain events. Each event purges the
 * keys of exactly the pages that show what changed; lookups wait for the purge, so a request that arrives
 * after a write never gets a page from before it. Events relayed from other processes arrive the same way.
 */
export function wireInvalidation(deps: InvalidationDeps): () => void {
  return deps.events.subscribe((event) =>
    // An event no page shows leaves the cache alone: an invalidation, even of no key, moves the generation and so
    // keeps every render in flight out of the cache (a flood of comment reports must not cost story pages that).
    SHOWN_NOWHERE.has(event.type)
      ? undefined
      : deps.cache.invalidate(
          async () => {
            try {
              return await keysForEvent(deps, event);
            } catch (err) {
              // Without the facts to be precise, be safe: drop the story and every first page that could list it.
              deps.log({
                msg: 'precise invalidation failed; purging broadly',
                level: 'error',
                event: event.type,
                error: String(err),
              });
              return 'id' in event && event.type.startsWith('story.')
                ? [K.story(event.id), K.home, K.newsfeed, K.feed(K.home), K.search, K.chrome]
                : [K.chrome];
            }
          },
          { keepStale: event.type !== 'story.unpublished' && event.type !== 'story.deleted' },
        ),
  );
}

/**
 * After the event relay (re)connects: events other processes published while it was away may never arrive, so
 * this process forgets what it keeps in memory (every cached page, as stale copies, and the lookups) rather
 * than serve what one of them changed. Costs one render per page; an outage is rare.
 */
export function forgetAfterRelayGap(deps: Pick<AppDeps, 'cache' | 'lookups'>): void {
  deps.lookups.clear();
  deps.cache.purge([K.chrome]);
}

/** The surrogate keys an event makes stale. */
export async function keysForEvent(deps: Pick<AppDeps, 'db' | 'lookups'>, event: DomainEvent): Promise<string[]> {
  switch (event.type) {
    case 'section.updated':
    case 'settings.updated':
    // The breaking-news banner is part of every page's shell.
    case 'banner.updated':
    // Every page carries the shell's key, so this purges everything.
    case 'site.replaced':
    // The sign-up forms (the footer's on every page, the story's, /newsletters) list the visible newsletters.
    case 'newsletter.updated':
      return [K.chrome];
    // Issues and subscriptions show on no cached page (a reader's own choices come in their uncached fragment).
    case 'newsletter.issue.updated':
    case 'newsletter.subscriptions.updated':
      return [];
    case 'author.updated':
      return [K.authorProfile(event.id)];
    case 'tag.updated':
      return [K.tagName(event.id)];
    case 'liveblog.updated':
      return [K.story(event.id)];
    // The pages that showed it are purged by the story, live blog and author events published with it.
    case 'media.deleted':
      return [];
    // What readers see of a story's comments changed: their page and fragment, not the story's page.
    case 'comment.posted':
    case 'comment.moderated':
    case 'comment.deleted':
      return [K.comments(event.storyId)];
    // The site's rule closed a story's comments: its comments page and fragment stop offering the form, and the
    // story's page stops inviting readers to join (once per story, at its time).
    case 'comments.closed':
      return [K.comments(event.id), K.story(event.id)];
    // Nothing a reader sees (SHOWN_NOWHERE): the moderation queue and a ban.
    case 'comment.held':
    case 'comment.reported':
    case 'reader.banned':
    case 'reader.unbanned':
    // Reader pages are the same for everyone (the personal state is /account/state.json, never cached).
    case 'reader.created':
    case 'reader.updated':
    case 'reader.deleted':
    case 'readers.imported':
    // The desk's accounts, webhooks and API keys: no reader page shows them.
    case 'user.updated':
    case 'user.invited':
    case 'webhook.updated':
    case 'api-key.updated':
      return [];
    default:
      return storyKeys(deps, event.type, event.id);
  }
}

/**
 * A story changed. Pages that showed it carry `story:<id>`, and so do its translations' pages. Beyond those, the lists it now belongs to (home,
 * its section and the sections above it, its tags, its authors) may have to show it: their first pages when it
 * is among their newest (`LIST_HEAD_SIZE`), their archive when it sits deeper than a "Show More" cursor can
 * start (`SHORTEST_HEAD`), and the News Feed block of story pages when it is among the newest of all.
 */
async function storyKeys(
  deps: Pick<AppDeps, 'db' | 'lookups'>,
  type: DomainEvent['type'],
  id: number,
): Promise<string[]> {
  const keys = new Set([K.story(id), K.search]);
  // Every page's shell shows the menus: a page they link (or its translation, which an edition's menu shows
  // instead) changing its slug, headline or status changes them all. Pages change seldom.
  const linked = menuPageIds((await deps.lookups.settings()).menus).has(id);
  if (linked) keys.add(K.chrome);
  if (type === 'story.deleted') return [...keys];
  const row = await storyById(deps.db, id);
  if (!row) return [...keys];
  if (row.kind === 'page') keys.add(K.chrome);
  const [sections, tagIds, authorIds, members] = await Promise.all([
    deps.lookups.sections(),
    storyTagIds(deps.db, id),
    storyAuthorIds(deps.db, id),
    row.translation_group === null ? [] : translationGroupMembers(deps.db, row.translation_group),
  ]);
  // Its translations' pages link to it (hreflang, the switcher, JSON-LD): a publish, an unpublish or a new slug
  // changes them too.
  for (const m of members) keys.add(K.story(m.id));
  const lists: [string, Omit<ListFilter, 'limit'>][] = [
    [K.home, {}],
    ...sectionPath(sections, row.section_id).map((s): [string, Omit<ListFilter, 'limit'>] => [
      K.section(s.id),
      { sectionIds: descendantIds(sections, s.id) },
    ]),
    ...tagIds.map((tagId): [string, Omit<ListFilter, 'limit'>] => [K.tag(tagId), { tagId }]),
    ...authorIds.map((authorId): [string, Omit<ListFilter, 'limit'>] => [K.author(authorId), { authorId }]),
  ];
  const listed = row.status === 'published';
  const positions = listed
    ? await Promise.all(
        lists.map(([, f]) =>
          listPublished(deps.db, { ...f, limit: LIST_HEAD_SIZE }).then((rows) => rows.findIndex((r) => r.id === id)),
        ),
      )
    : lists.map(() => -1);
  lists.forEach(([list], i) => {
    const pos = positions[i]!;
    const head = () => keys.add(list).add(K.feed(list));
    const archive = () => keys.add(K.archive(list)).add(K.archive(K.feed(list)));
    // A publish or unpublish always refreshes the first pages of its lists (the newsroom expects to see it there).
    if (type !== 'story.updated' || (pos >= 0 && pos < LIST_HEAD_SIZE)) head();
    if (listed && (pos < 0 || pos >= SHORTEST_HEAD)) archive();
    if (list === K.home && pos >= 0 && pos <= STORY_FEED_SIZE) keys.add(K.newsfeed);
  });
  return [...keys];
}
