import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { type CardRow, type ListFilter, listPublished } from '../stories/story.repo.js';
import { publishedCursor, publishedKeys } from '../stories/story.cursor.js';
import { type SectionMaps, type StoryCardView, presentCard } from './card.present.js';
import { keysetPage } from '../lib/cursor.js';

/** Default number of stories on a listing page and in each "Show More". */
export const PAGE_SIZE = 20;

/** What card presentation needs: sections and image views come from the lookups (memory). */
export type CardDeps = Pick<CoreDeps, 'db'> & { lookups: Lookups };

/** The sections in the languages of the given cards, from the lookups (memory): what presentCard labels them with. */
export async function sectionMaps(
  lookups: Pick<Lookups, 'sections'>,
  rows: Iterable<Pick<CardRow, 'language'>>,
): Promise<SectionMaps> {
  const languages = [...new Set([...rows].map((r) => r.language))];
  const lists = await Promise.all(languages.map((l) => lookups.sections(l)));
  return new Map(languages.map((l, i) => [l, new Map(lists[i]!.map((s) => [s.id, s]))]));
}

/** Turns card rows into card views with sections and images read in batches from the lookups: no query per story. */
export async function presentCards(deps: CardDeps, rows: readonly CardRow[]): Promise<StoryCardView[]> {
  if (rows.length === 0) return [];
  const [sections, imageViews, settings] = await Promise.all([
    sectionMaps(deps.lookups, rows),
    deps.lookups.images(rows.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : []))),
    deps.lookups.settings(),
  ]);
  return rows.map((r) => presentCard(r, sections, imageViews, settings.editions));
}

export interface FeedPage {
  cards: StoryCardView[];
  /** Cursor of the next older page, or null at the end. */
  next: string | null;
}

/** One keyset page of a listing, with the cursor to the next older page. */
export async function feedPage(deps: CardDeps, filter: Omit<ListFilter, 'limit'>, size = PAGE_SIZE): Promise<FeedPage> {
  const page = await keysetPage(publishedCursor, publishedKeys, size, (take) =>
    listPublished(deps.db, { ...filter, limit: take }),
  );
  return { cards: await presentCards(deps, page.items), next: page.next };
}
