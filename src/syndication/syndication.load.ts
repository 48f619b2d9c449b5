import type { AppDeps } from '../app.deps.js';
import { authorUrl } from '../authors/author.present.js';
import { cacheKeys as K } from '../cache/cache.keys.js';
import type { Image } from '../db/database.js';
import { type Edition, editionOf, editionPath, editionTitle } from '../editions/edition.js';
import { newsroomIn } from '../settings/newsroom-words.js';
import { translator } from '../i18n/catalogue.js';
import { renderDocumentHtml } from '../document/document.render.js';
import { type StoryDocument, documentImageIds, embeddedStoryIds } from '../document/document.schema.js';
import { presentCard } from '../news-feed/card.present.js';
import { sectionMaps } from '../news-feed/news-feed.service.js';
import { imagesByIds } from '../media/image.repo.js';
import { presentImage } from '../media/image.present.js';
import { type ListFilter, authorsForStories, cardsByIds, listPublished } from '../stories/story.repo.js';
import { storyAlternates, storyUrl } from '../stories/story.url.js';
import { translationsOf } from '../stories/translation-links.repo.js';
import type { FeedDoc, FeedImage, FeedItem } from './syndication.model.js';
import { tagsForStories } from '../tags/tag.repo.js';
import { storyBodiesByIds } from './syndication.repo.js';

/** Number of stories in every feed. */
export const FEED_SIZE = 50;

/** The permanent identifier of a story in feeds: its id never changes, its slug may. */
export const storyPermalink = (publicUrl: string, id: number) => `${publicUrl}/stories/id/${id}`;

/** What a feed is about: the whole site, or one section (with its children), author or tag, in one edition. */
export interface FeedScope {
  filter: Omit<ListFilter, 'limit' | 'before'>;
  /** The list's cache key (`home`, `section:<id>`…): its feeds are purged as `feed:<list>`. */
  list: string;
  /** What else of the scope the feed shows (the author's profile, the tag's name), as cache keys. */
  keys?: readonly string[];
  /** Title of the scope ("Europe"); null for the whole site. */
  name: string | null;
  description: string | null;
  /** Site-relative path of the page the feed belongs to ('' for the home page), outside any edition. */
  path: string;
}

/** A feed ready to write, and the surrogate keys of everything it shows (see cache/cache.keys.ts). */
export interface LoadedFeed {
  doc: FeedDoc;
  keys: string[];
}

/**
 * Loads a feed's stories, the edition's only (its language), in a fixed number of batched queries whatever their
 * number: the listing, then bodies, bylines, tags and translations together (settings and sections from the
 * lookups), then embedded cards, then every image. Its links stay inside the edition.
 */
export async function loadFeed(
  deps: Pick<AppDeps, 'db' | 'media' | 'config' | 'lookups'>,
  scope: FeedScope,
  edition: Edition,
): Promise<LoadedFeed> {
  const base = deps.config.publicUrl;
  const rows = await listPublished(deps.db, { ...scope.filter, language: edition.code, limit: FEED_SIZE });
  const ids = rows.map((r) => r.id);
  const [bodies, authors, tags, translations, settings] = await Promise.all([
    storyBodiesByIds(deps.db, ids),
    authorsForStories(deps.db, ids),
    tagsForStories(deps.db, ids),
    translationsOf(deps.db, ids),
    deps.lookups.settings(),
  ]);
  const { editions } = settings;
  const inEdition = (path: string) => editionPath(edition, path);
  const docs = new Map([...bodies].map(([id, b]) => [id, JSON.parse(b.body) as StoryDocument]));
  const embeds = await cardsByIds(deps.db, [...new Set([...docs.values()].flatMap(embeddedStoryIds))]);
  const imageRows = await imagesByIds(deps.db, [
    ...rows.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])),
    ...[...docs.values()].flatMap(documentImageIds),
    ...[...embeds.values()].flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])),
  ]);
  // Every image URL absolute, so a feed reader on another host can load them.
  const absoluteStore = { url: (key: string) => base + deps.media.url(key) };
  const images = new Map([...imageRows].map(([id, img]) => [id, presentImage(img, absoluteStore)]));
  const sections = await sectionMaps(deps.lookups, embeds.values());
  const cards = new Map([...embeds].map(([id, row]) => [id, presentCard(row, sections, images, settings.editions)]));

  const items = rows.map((r): FeedItem => {
    const body = bodies.get(r.id);
    const hero = r.hero_image_id ? imageRows.get(r.hero_image_id) : undefined;
    const own = editionOf(editions, r.language);
    return {
      id: storyPermalink(base, r.id),
      url: base + storyUrl(r.slug, own),
      title: r.headline,
      summary: body?.dek || r.excerpt,
      contentHtml: renderDocumentHtml(docs.get(r.id) ?? { version: 1, blocks: [] }, { images, cards, baseUrl: base }),
      published: r.published_at,
      updated: Math.max(r.updated_at, r.published_at),
      authors: (authors.get(r.id) ?? []).map((a) => ({ name: a.name, url: base + inEdition(authorUrl(a.slug)) })),
      categories: (tags.get(r.id) ?? []).map((t) => t.name),
      image: hero ? feedImage(hero, r.hero_alt, base, deps.media.url) : null,
      translations: storyAlternates(editions, [r, ...(translations.get(r.id)?.translations ?? [])])
        .filter((a) => a.edition.code !== r.language)
        .map((a) => ({ language: a.edition.code, url: base + a.path })),
    };
  });
  const newsroom = newsroomIn(settings, edition.code);
  const siteName = editionTitle(newsroom.name, edition, editions);
  const doc: FeedDoc = {
    title: scope.name ? `${scope.name} — ${siteName}` : siteName,
    description:
      scope.description ||
      (scope.name
        ? translator(edition.code)('syndication.latestFrom', { site: newsroom.name, scope: scope.name })
        : newsroom.description),
    language: edition.code,
    homeUrl: base + inEdition(scope.path || '/'),
    feedBase: `${base}${inEdition(scope.path)}/feed`,
    publisher: newsroom.name,
    iconUrl: `${base}/brand/logo.png`,
    updated: items.reduce((m, i) => Math.max(m, i.updated), 0),
    items,
  };
  const keys = [
    K.chrome,
    K.feed(scope.list),
    ...(scope.keys ?? []),
    ...ids.map(K.story),
    // A translation's slug is in the feed's alternate links.
    ...new Set([...translations.values()].flatMap((t) => t.translations.map((x) => K.story(x.id)))),
    ...[...new Set([...docs.values()].flatMap(embeddedStoryIds))].map(K.story),
    ...new Set([...authors.values()].flat().map((a) => K.authorProfile(a.id))),
    ...new Set([...tags.values()].flat().map((t) => K.tagName(t.id))),
  ];
  return { doc, keys };
}

/** The hero as an enclosure: the 16:9 crop when there is one (its size is known), else the original. */
function feedImage(img: Image, alt: string, base: string, url: (key: string) => string): FeedImage {
  const view = presentImage(img, { url });
  const crop = view.crops.find((c) => c.ratio === '16x9');
  const common = { alt: alt || img.alt };
  if (crop)
    return {
      ...common,
      url: base + crop.url,
      type: 'image/jpeg',
      length: crop.bytes,
      width: crop.width,
      height: crop.height,
    };
  return {
    ...common,
    url: base + view.original,
    type: img.mime,
    length: img.bytes,
    width: img.width,
    height: img.height,
  };
}
