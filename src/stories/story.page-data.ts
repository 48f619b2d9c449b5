import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { STORY_FEED_SIZE } from '../news-feed/news-feed.size.js';
import { presentAuthor } from '../authors/author.present.js';
import { cacheKeys as K } from '../cache/cache.keys.js';
import type { DbHandle, Section, Story } from '../db/database.js';
import { type Edition, editionOf } from '../editions/edition.js';
import { type StoryDocument, documentImageIds, embeddedStoryIds } from '../document/document.schema.js';
import type { RenderContext } from '../document/document.render.js';
import { type SectionMaps, presentCard } from '../news-feed/card.present.js';
import { type FeedPage, sectionMaps } from '../news-feed/news-feed.service.js';
import { keysetPage } from '../lib/cursor.js';
import { sectionPath } from '../sections/section.tree.js';
import { type StoryNoteView, noteView } from './story-notes.js';
import { notesForStory } from './story-notes.repo.js';
import { type BylineRow, type StoryWithLinks, storyWithLinksBySlug } from './story.page.repo.js';
import { type StoryView, presentStory } from './story.present.js';
import {
  type CardRow,
  authorsForStories,
  cardsByIds,
  storyById,
  storyIdForOldSlug,
  tagsForStory,
} from './story.repo.js';
import { publishedCursor, publishedKeys } from './story.cursor.js';

export interface StoryPageData {
  story: StoryView;
  render: RenderContext;
  feed: FeedPage;
  /** Surrogate keys of everything the page shows (cache invalidation). */
  keys: string[];
  /** Dated corrections and updates, shown to readers under the byline. */
  notes?: StoryNoteView[];
}

/**
 * What a reader asking for a story's slug gets: the published story with its bylines, tags, notes and translations
 * (`found`, one query), or else, when no story has that slug, the published story that had it once (`moved`, to
 * redirect to); neither (a draft's slug, an unknown one) is a 404 for the caller to answer.
 */
export async function findPublishedStory(
  db: DbHandle,
  slug: string,
): Promise<{ found: StoryWithLinks; moved?: undefined } | { found?: undefined; moved?: Story }> {
  const found = await storyWithLinksBySlug(db, slug);
  if (found?.story.status === 'published') return { found };
  if (found) return {};
  const movedTo = await storyIdForOldSlug(db, slug);
  const moved = movedTo ? await storyById(db, movedTo) : undefined;
  return moved?.status === 'published' ? { moved } : {};
}

/**
 * Everything a story page shows, in a fixed number of batched queries whatever the story holds:
 * bylines, tags, sections, every image (hero, body, embeds, feed thumbnails and avatars) and the
 * embedded stories' current cards. A caller that read the story with its links (storyWithLinksBySlug)
 * passes them in, and those three queries are skipped.
 */
export async function loadStoryPage(
  deps: Pick<CoreDeps, 'db'> & { lookups: Lookups },
  story: Story,
  links?: Omit<StoryWithLinks, 'story'>,
): Promise<StoryPageData> {
  const doc = JSON.parse(story.body) as StoryDocument;
  const [authors, tags, sections, embedRows, feedRows, notes, settings] = await Promise.all([
    links
      ? links.authors
      : authorsForStories(deps.db, [story.id], story.language).then((m): BylineRow[] => m.get(story.id) ?? []),
    links ? links.tags : tagsForStory(deps.db, story.id, story.language),
    // In the story's words: its breadcrumb, and the cards of the News Feed block under it (of its edition).
    deps.lookups.sections(story.language),
    cardsByIds(deps.db, embeddedStoryIds(doc)),
    deps.lookups.latest(story.language),
    (links ? Promise.resolve(links.notes) : notesForStory(deps.db, story.id)).then((rows) => rows.map(noteView)),
    deps.lookups.settings(),
  ]);
  const imageIds = [
    ...(story.hero_image_id ? [story.hero_image_id] : []),
    ...(story.og_image_id ? [story.og_image_id] : []),
    ...(story.twitter_image_id ? [story.twitter_image_id] : []),
    ...documentImageIds(doc),
    ...authors.flatMap((a) => (a.avatar_image_id ? [a.avatar_image_id] : [])),
    ...[...embedRows.values()].flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])),
  ];
  const [images, feed, embedSections] = await Promise.all([
    deps.lookups.images(imageIds),
    newsFeedBlock(deps, feedRows, sections, settings.editions, story.id),
    sectionMaps(deps.lookups, embedRows.values()),
  ]);
  const edition = editionOf(settings.editions, story.language);
  const byline = (a: BylineRow) =>
    presentAuthor(a, a.avatar_image_id ? (images.get(a.avatar_image_id) ?? null) : null, edition);
  const view = presentStory(story, {
    body: doc,
    sectionPath: sectionPath(sections, story.section_id),
    tags,
    authors: authors.filter((a) => a.credit !== 'translator').map(byline),
    translators: authors.filter((a) => a.credit === 'translator').map(byline),
    heroImage: story.hero_image_id ? (images.get(story.hero_image_id) ?? null) : null,
    edition,
    images,
  });
  const cards = new Map(
    [...embedRows].map(([id, row]) => [id, presentCard(row, embedSections, images, settings.editions)]),
  );
  return {
    story: view,
    render: { images, cards },
    feed,
    // Every embedded id, published or not: publishing an embedded story must refresh this page too.
    keys: [
      K.chrome,
      K.story(story.id),
      K.newsfeed,
      ...embeddedStoryIds(doc).map(K.story),
      ...feed.cards.map((c) => K.story(c.id)),
      ...authors.map((a) => K.authorProfile(a.id)),
      ...tags.map((t) => K.tagName(t.id)),
    ],
    notes,
  };
}

/** News Feed blocks made from one list of newest stories and one list of sections, by the story they leave out (0: none). */
const feedBlocks = new WeakMap<readonly CardRow[], { sections: readonly Section[]; byStory: Map<number, FeedPage> }>();

/**
 * The News Feed block under a story: the newest stories but this one, with "Show More" continuing the home
 * page's feed after them. It is the same under every story outside the newest few, and made only from what
 * the lookups keep in memory (the newest stories, sections, images), whose lists are replaced whenever they
 * change (a story or live blog event, a section change, site.replaced): so it is made once per such list, not once per page (StoryPage renders it once too).
 */
async function newsFeedBlock(
  deps: { lookups: Lookups },
  latest: readonly CardRow[],
  sections: readonly Section[],
  editions: readonly Edition[],
  storyId: number,
): Promise<FeedPage> {
  // Only a story among those the block would show changes it.
  const excluded = latest.slice(0, STORY_FEED_SIZE + 1).some((r) => r.id === storyId) ? storyId : 0;
  let made = feedBlocks.get(latest);
  if (made && made.sections !== sections) made = undefined;
  const known = made?.byStory.get(excluded);
  if (known) return known;
  const { items: shown, next } = await keysetPage(publishedCursor, publishedKeys, STORY_FEED_SIZE, (take) =>
    latest.filter((r) => r.id !== storyId).slice(0, take),
  );
  const images = await deps.lookups.images(shown.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])));
  // The newest stories of one edition, all in the language `sections` is in.
  const sectionMap = new Map(sections.map((s) => [s.id, s]));
  const bySection: SectionMaps = new Map(shown.map((r) => [r.language, sectionMap]));
  const block: FeedPage = { cards: shown.map((r) => presentCard(r, bySection, images, editions)), next };
  if (!made) {
    made = { sections, byStory: new Map() };
    feedBlocks.set(latest, made);
  }
  made.byStory.set(excluded, block);
  return block;
}
