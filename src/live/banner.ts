import { z } from 'zod';
import type { DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { notFound } from '../http/errors.js';
import { getSetting, putSetting } from '../settings/settings.repo.js';
import { storyById } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import type { BannerView } from '../ui/banner.js';
import { appendFeedEvent } from './event-log.repo.js';
import type { NewBanner } from './banner.input.js';

export type { BannerView };

/** The settings key the raised banner is stored under (absent or empty: no banner). */
const KEY = 'live.banner';

const Stored = z.object({ storyId: z.number().int(), label: z.string() });

/** The banner readers see now: the stored one if its story is still published, else none. */
export async function loadBanner(db: DbHandle): Promise<BannerView | null> {
  const value = await getSetting(db, KEY);
  if (!value) return null;
  const parsed = Stored.safeParse(JSON.parse(value));
  if (!parsed.success) return null;
  const story = await storyById(db, parsed.data.storyId);
  if (story?.status !== 'published') return null;
  return { storyId: story.id, label: parsed.data.label, headline: story.headline, url: storyUrl(story.slug) };
}

interface BannerDeps {
  db: DbHandle;
  events: EventBus;
  clock: () => number;
}

/** Raises the breaking-news banner on every page, linking a published story (parsed at the face: BannerInputSchema). */
export async function raiseBanner(deps: BannerDeps, v: NewBanner, actor: string): Promise<void> {
  const story = await storyById(deps.db, v.storyId);
  if (story?.status !== 'published') throw notFound('published story to link');
  await deps.db.transaction().execute(async (tx) => {
    await putSetting(tx, KEY, JSON.stringify({ storyId: story.id, label: v.label ?? 'Breaking' }));
    await appendFeedEvent(tx, { type: 'banner.updated', storyId: story.id, at: deps.clock() });
  });
  deps.events.publish({ type: 'banner.updated', id: story.id, actor });
}

/** Lowers the banner. */
export async function lowerBanner(deps: BannerDeps, actor: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await putSetting(tx, KEY, '');
    await appendFeedEvent(tx, { type: 'banner.updated', storyId: 0, at: deps.clock() });
  });
  deps.events.publish({ type: 'banner.updated', id: 0, actor });
}
