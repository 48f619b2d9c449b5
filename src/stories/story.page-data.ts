import type { AppDeps } from '../app.deps.js';
import { presentAuthor } from '../authors/author.present.js';
import { cacheKeys as K } from '../cache/cache.keys.js';
import type { Story } from '../db/database.js';
import { type StoryDocument, documentImageIds, embeddedStoryIds } from '../document/document.schema.js';
import type { RenderContext } from '../document/document.render.js';
import { presentCard } from '../feed/card.present.js';
import type { FeedPage } from '../feed/feed.service.js';
import { encodeCursor } from '../feed/cursor.js';
import { imageViewsByIds } from '../media/image.views.js';
import { listSections, sectionPath } from '../sections/section.repo.js';
import { type StoryNoteView, noteView, notesForStory } from './story-notes.js';
import type { BylineRow, StoryWithLinks } from './story.page.repo.js';
import { type StoryView, presentStory } from './story.present.js';
import { authorsForStories, cardsByIds, listPublished, tagsForStory } from './story.repo.js';

/** Number of stories in the News Feed block under a story. */
export const STORY_FEED_SIZE = 10;

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
 * Everything a story page shows, in a fixed number of batched queries whatever the story holds:
 * bylines, tags, sections, every image (hero, body, embeds, feed thumbnails and avatars) and the
 * embedded stories' current cards. A caller that read the story with its links (storyWithLinksBySlug)
 * passes them in, and those three queries are skipped.
 */
export async function loadStoryPage(
  deps: Pick<AppDeps, 'db' | 'media'> & Partial<Pick<AppDeps, 'lookups'>>,
  story: Story,
  links?: Omit<StoryWithLinks, 'story'>,
): Promise<StoryPageData> {
  const doc = JSON.parse(story.body) as StoryDocument;
  const [authors, tags, sections, embedRows, feedRows, notes] = await Promise.all([
    links ? links.authors : authorsForStories(deps.db, [story.id]).then((m): BylineRow[] => m.get(story.id) ?? []),
    links ? links.tags : tagsForStory(deps.db, story.id),
    deps.lookups ? deps.lookups.sections() : listSections(deps.db),
    cardsByIds(deps.db, embeddedStoryIds(doc)),
    deps.lookups ? deps.lookups.latest() : listPublished(deps.db, { limit: STORY_FEED_SIZE + 2 }),
    links ? links.notes.map(noteView) : notesForStory(deps.db, story.id),
  ]);
  const feedOthers = feedRows.filter((r) => r.id !== story.id).slice(0, STORY_FEED_SIZE + 1);
  const feedPageRows = feedOthers.slice(0, STORY_FEED_SIZE);
  const imageIds = [
    ...(story.hero_image_id ? [story.hero_image_id] : []),
    ...documentImageIds(doc),
    ...authors.flatMap((a) => (a.avatar_image_id ? [a.avatar_image_id] : [])),
    ...[...embedRows.values(), ...feedPageRows].flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])),
  ];
  const images = await imageViewsByIds(deps, imageIds);
  const sectionMap = new Map(sections.map((s) => [s.id, s]));
  const view = presentStory(story, {
    body: doc,
    sectionPath: sectionPath(sections, story.section_id),
    tags,
    authors: authors.map((a) => presentAuthor(a, a.avatar_image_id ? (images.get(a.avatar_image_id) ?? null) : null)),
    heroImage: story.hero_image_id ? (images.get(story.hero_image_id) ?? null) : null,
  });
  const cards = new Map([...embedRows].map(([id, row]) => [id, presentCard(row, sectionMap, images)]));
  // The "Show More" under a story continues the home page's feed after the items shown here.
  const lastShown = feedPageRows[feedPageRows.length - 1];
  const next = feedOthers.length > STORY_FEED_SIZE && lastShown ? encodeCursor({ publishedAt: lastShown.published_at, id: lastShown.id }) : null;
  return {
    story: view,
    render: { images, cards },
    feed: { cards: feedPageRows.map((r) => presentCard(r, sectionMap, images)), next },
    // Every embedded id, published or not: publishing an embedded story must refresh this page too.
    keys: [
      K.chrome,
      K.story(story.id),
      K.newsfeed,
      ...embeddedStoryIds(doc).map(K.story),
      ...feedPageRows.map((r) => K.story(r.id)),
      ...authors.map((a) => K.authorProfile(a.id)),
      ...tags.map((t) => K.tagName(t.id)),
    ],
    notes,
  };
}
