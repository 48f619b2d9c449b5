import type { Newsletter, Section, DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { type ImageView, presentImage } from '../media/image.present.js';
import { imageViewRowsByIds } from '../media/image.repo.js';
import type { MediaStore } from '../media/media.store.js';
import { LruMap } from '../lib/lru.js';
import { listNewsletters } from '../newsletters/newsletter.repo.js';
import { listSections, sectionIn, sectionWordsIn } from '../sections/section.repo.js';
import { STORY_FEED_SIZE } from '../news-feed/news-feed.size.js';
import { type CardRow, listPublished } from '../stories/story.repo.js';
import { type SiteSettings, getSettings } from '../settings/settings.repo.js';
import { type PageRow, listPages } from '../pages/page.repo.js';

/**
 * Slow-changing data every page needs (sections, the newsroom's settings, the newest stories, images), read
 * once and kept in memory until an event says it changed. Saves three to four queries on every uncached page.
 */
export interface Lookups {
  /**
   * Every section, ordered for navigation. With a language: the same list with that language's names and
   * descriptions where they are written (section_translations), the base row's (the primary edition's words)
   * elsewhere; no more than one extra query per language other than the primary's, and one list per language,
   * the same array until `section.updated`, so what is made from it can be kept by its identity.
   */
  sections(language?: string): Promise<Section[]>;
  settings(): Promise<SiteSettings>;
  /**
   * The newest published stories of one edition (its language: the News Feed block under each of its story pages),
   * until any story or live blog changes.
   */
  latest(language: string): Promise<CardRow[]>;
  /**
   * Images as pages show them (srcsets built from their variants), by id. An image never changes after its
   * upload but for its crops and its full-size file, which only the `media crops` and `media strip` commands
   * write, and they publish `site.replaced` when done; so each is read once and kept until `media.deleted`.
   * Unknown ids are left out of the map.
   */
  images(ids: readonly number[]): Promise<Map<number, ImageView>>;
  /**
   * Every static page (src/pages), published or not, until any story event: the page route answers `/about` from it
   * without a query for paths that name no page, and the menus link pages by id through it.
   */
  pages(): Promise<PageRow[]>;
  /** The newsletters readers may sign up for (visible, not archived), in the desk's order, until `newsletter.updated`. */
  newsletters(): Promise<Newsletter[]>;
  /** Forgets everything (an event from another process, a test). */
  clear(): void;
}

/** How many of the newest stories `latest()` keeps: the story page's block (10), the story itself and one to page on. */
export const LATEST_SIZE = STORY_FEED_SIZE + 2;

/** Image views kept at most, about 1.5 KB each (a page shows a dozen; this covers weeks of a busy newsroom's pages). */
const IMAGE_VIEWS_LIMIT = 20_000;

/** Builds the lookups and subscribes them to the events that change them. */
export function createLookups(
  db: DbHandle,
  events: EventBus,
  media: Pick<MediaStore, 'url'>,
  latestSize = LATEST_SIZE,
  imagesLimit = IMAGE_VIEWS_LIMIT,
): Lookups {
  // The least recently shown go first (a page shows a dozen; the busiest stay).
  const views = new LruMap<number, ImageView>(imagesLimit);
  // Bumped by every clear: a read that started before one must not put what it read back.
  let generation = 0;
  let sections: Promise<Section[]> | null = null;
  // By language: the sections with that language's words (the base list itself when it has none).
  const sectionsIn = new Map<string, Promise<Section[]>>();
  let settings: Promise<SiteSettings> | null = null;
  let newsletters: Promise<Newsletter[]> | null = null;
  let pages: Promise<PageRow[]> | null = null;
  // By language: a newsroom has a few editions, each with its own newest stories.
  const latest = new Map<string, Promise<CardRow[]>>();
  // A failed read is not remembered: the next page asks the database again.
  const keep = <T>(p: Promise<T>, reset: () => void) => {
    p.catch(reset);
    return p;
  };
  const lookups: Lookups = {
    sections(language) {
      sections ??= keep(listSections(db), () => {
        sections = null;
      });
      const base = sections;
      if (language === undefined) return base;
      let known = sectionsIn.get(language);
      if (!known) {
        known = keep(
          Promise.all([base, lookups.settings()]).then(async ([all, { editions }]) => {
            // The base rows hold the primary edition's words: nothing more to read for it.
            if (editions[0]?.code === language) return all;
            const words = await sectionWordsIn(db, language);
            return words.size ? all.map((s) => sectionIn(s, words.get(s.id))) : all;
          }),
          () => sectionsIn.delete(language),
        );
        sectionsIn.set(language, known);
      }
      return known;
    },
    settings: () => (settings ??= keep(getSettings(db), () => (settings = null))),
    pages: () => (pages ??= keep(listPages(db), () => (pages = null))),
    newsletters: () => (newsletters ??= keep(listNewsletters(db, { visibleOnly: true }), () => (newsletters = null))),
    async images(ids) {
      const found = new Map<number, ImageView>();
      const missing: number[] = [];
      for (const id of ids) {
        const view = views.get(id);
        if (view) found.set(id, view);
        else missing.push(id);
      }
      if (missing.length === 0) return found;
      const readAt = generation;
      for (const [id, row] of await imageViewRowsByIds(db, missing)) {
        const view = presentImage(row, media);
        found.set(id, view);
        if (readAt === generation) views.set(id, view);
      }
      return found;
    },
    latest(language) {
      let known = latest.get(language);
      if (!known) {
        known = keep(listPublished(db, { language, limit: latestSize }), () => latest.delete(language));
        latest.set(language, known);
      }
      return known;
    },
    clear() {
      generation++;
      views.clear();
      sections = null;
      sectionsIn.clear();
      settings = null;
      newsletters = null;
      pages = null;
      latest.clear();
    },
  };
  events.subscribe((e) => {
    if (e.type === 'section.updated') {
      sections = null;
      sectionsIn.clear();
    }
    if (e.type === 'settings.updated') {
      settings = null;
      // Which edition is the primary one (whose words are the base rows') may have changed.
      sectionsIn.clear();
      // Cards link into their edition: new editions (prefixes) make new links.
      latest.clear();
    }
    // A live blog's coverage ending or reopening changes its card (the LIVE label) without a story event.
    if (e.type.startsWith('story.') || e.type === 'liveblog.updated') latest.clear();
    // Any story may be a page, or have become one (a slug, a status, a kind changed).
    if (e.type.startsWith('story.')) pages = null;
    if (e.type === 'newsletter.updated') newsletters = null;
    if (e.type === 'site.replaced') lookups.clear();
    // Published before the events of the stories that showed it, so their re-renders no longer find it.
    if (e.type === 'media.deleted') {
      generation++;
      views.delete(e.id);
    }
  });
  return lookups;
}
