import type { Kysely } from 'kysely';
import type { Database, Section } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { listSections } from '../sections/section.repo.js';
import { type SiteSettings, getSettings } from '../settings/settings.repo.js';

/**
 * Slow-changing data every page needs (sections, the newsroom's settings), read once and kept in memory
 * until an event says it changed. Saves two queries on every uncached page.
 */
export interface Lookups {
  sections(): Promise<Section[]>;
  settings(): Promise<SiteSettings>;
  /** Forgets everything (an event from another process, a test). */
  clear(): void;
}

/** Builds the lookups and subscribes them to the events that change them. */
export function createLookups(db: Kysely<Database>, events: EventBus): Lookups {
  let sections: Promise<Section[]> | null = null;
  let settings: Promise<SiteSettings> | null = null;
  // A failed read is not remembered: the next page asks the database again.
  const keep = <T>(p: Promise<T>, reset: () => void) => {
    p.catch(reset);
    return p;
  };
  const lookups: Lookups = {
    sections: () => (sections ??= keep(listSections(db), () => (sections = null))),
    settings: () => (settings ??= keep(getSettings(db), () => (settings = null))),
    clear() {
      sections = null;
      settings = null;
    },
  };
  events.subscribe((e) => {
    if (e.type === 'section.updated') sections = null;
    if (e.type === 'settings.updated') settings = null;
  });
  return lookups;
}
