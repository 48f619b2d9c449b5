import type { Kysely } from 'kysely';
import type { Database, Section } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { type ImageView, presentImage } from '../media/image.present.js';
import type { ImageViewRow } from '../media/image.repo.js';
import type { MediaStore } from '../media/media.store.js';
import { listSections } from '../sections/section.repo.js';
import { STORY_FEED_SIZE } from '../stories/story.page-data.js';
import { type CardRow, listPublished } from '../stories/story.repo.js';
import { type SiteSettings, getSettings } from '../settings/settings.repo.js';

/**
 * Slow-changing data every page needs (sections, the newsroom's settings), read once and kept in memory
 * until an event says it changed. Saves two queries on every uncached page.
 */
export interface Lookups {
  sections(): Promise<Section[]>;
  settings(): Promise<SiteSettings>;
  /** The newest published stories (the News Feed block under every story page), until any story changes. */
  latest(): Promise<CardRow[]>;
  /**
   * An image as pages show it (srcsets built from its variants), remembered per image and reused while the row
   * read from the database is unchanged — so an edit shows at once, with no event needed.
   */
  imageView(img: ImageViewRow): ImageView;
  /** Forgets everything (an event from another process, a test). */
  clear(): void;
}

/** How many of the newest stories `latest()` keeps: the story page's block (10), the story itself and one to page on. */
export const LATEST_SIZE = STORY_FEED_SIZE + 2;

/** Image views kept at most (a page shows a few dozen; this covers every image of a busy day many times over). */
const IMAGE_VIEWS_LIMIT = 5000;

/** Builds the lookups and subscribes them to the events that change them. */
export function createLookups(db: Kysely<Database>, events: EventBus, media: Pick<MediaStore, 'url'>, latestSize = LATEST_SIZE): Lookups {
  const views = new Map<number, { row: ImageViewRow; view: ImageView }>();
  const same = (a: ImageViewRow, b: ImageViewRow) =>
    a.variants === b.variants && a.crops === b.crops && a.storage_key === b.storage_key && a.alt === b.alt && a.caption === b.caption && a.credit === b.credit && a.width === b.width && a.height === b.height;
  let sections: Promise<Section[]> | null = null;
  let settings: Promise<SiteSettings> | null = null;
  let latest: Promise<CardRow[]> | null = null;
  // A failed read is not remembered: the next page asks the database again.
  const keep = <T>(p: Promise<T>, reset: () => void) => {
    p.catch(reset);
    return p;
  };
  const lookups: Lookups = {
    sections: () => (sections ??= keep(listSections(db), () => (sections = null))),
    settings: () => (settings ??= keep(getSettings(db), () => (settings = null))),
    imageView(img) {
      const known = views.get(img.id);
      if (known && same(known.row, img)) return known.view;
      if (views.size >= IMAGE_VIEWS_LIMIT) views.clear();
      const view = presentImage(img, media);
      views.set(img.id, { row: img, view });
      return view;
    },
    latest: () => (latest ??= keep(listPublished(db, { limit: latestSize }), () => (latest = null))),
    clear() {
      views.clear();
      sections = null;
      settings = null;
      latest = null;
    },
  };
  events.subscribe((e) => {
    if (e.type === 'section.updated') sections = null;
    if (e.type === 'settings.updated') settings = null;
    if (e.type.startsWith('story.')) latest = null;
    if (e.type === 'site.replaced') lookups.clear();
  });
  return lookups;
}
