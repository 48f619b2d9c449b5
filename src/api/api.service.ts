import type { AppDeps } from '../app.deps.js';
import { cacheKeys as K } from '../cache/cache.keys.js';
import type { Story } from '../db/database.js';
import { renderDocumentHtml } from '../document/document.render.js';
import { embeddedStoryIds } from '../document/document.schema.js';
import { presentImage } from '../media/image.present.js';
import { imagesByIds } from '../media/image.repo.js';
import { sectionMaps } from '../news-feed/news-feed.service.js';
import { loadStoryPage } from '../stories/story.page-data.js';
import { type CardRow, authorsForStories, deksByIds } from '../stories/story.repo.js';
import { translationsOf } from '../stories/translation-links.repo.js';
import { type ApiStory, type ApiStorySummary, apiImage, apiSeo, apiStorySummary } from './api.present.js';
import { tagsForStories } from '../tags/tag.repo.js';

type Deps = Pick<AppDeps, 'db' | 'media' | 'config' | 'lookups'>;

/** Summaries, and the surrogate keys of what they show: the stories, their authors' profiles, their tags' names. */
export interface Summaries {
  data: ApiStorySummary[];
  keys: string[];
}

/** Story summaries for a page of rows, in a fixed number of batched queries (never one per story). */
export async function storySummaries(deps: Deps, rows: readonly CardRow[]): Promise<Summaries> {
  if (rows.length === 0) return { data: [], keys: [] };
  const ids = rows.map((r) => r.id);
  const [sections, authors, tags, images, deks, translations, settings] = await Promise.all([
    sectionMaps(deps.lookups, rows),
    authorsForStories(deps.db, ids),
    tagsForStories(deps.db, ids),
    imagesByIds(
      deps.db,
      rows.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : [])),
    ),
    deksByIds(deps.db, ids),
    translationsOf(deps.db, ids),
    deps.lookups.settings(),
  ]);
  const base = deps.config.publicUrl;
  const data = rows.map((r) => {
    const img = r.hero_image_id ? images.get(r.hero_image_id) : undefined;
    return apiStorySummary(base, r, {
      dek: deks.get(r.id) ?? '',
      sections,
      authors: authors.get(r.id) ?? [],
      tags: tags.get(r.id) ?? [],
      image: img ? presentImage(img, deps.media) : null,
      editions: settings.editions,
      translationGroup: translations.get(r.id)?.group ?? null,
      translations: translations.get(r.id)?.translations ?? [],
    });
  });
  const keys = [
    ...ids.map(K.story),
    // A translation's slug is in the summary's links.
    ...new Set([...translations.values()].flatMap((t) => t.translations.map((x) => K.story(x.id)))),
    ...new Set([...authors.values()].flat().map((a) => K.authorProfile(a.id))),
    ...new Set([...tags.values()].flat().map((t) => K.tagName(t.id))),
  ];
  return { data, keys };
}

/**
 * A published story in full: the summary, reading time, hero and the body as document and HTML; with the
 * surrogate keys of everything it shows: the shell's names, its bylines and tags, and every story it embeds.
 */
export async function storyDetail(
  deps: Deps,
  story: Story & { published_at: number },
): Promise<{ data: ApiStory; keys: string[] }> {
  const base = deps.config.publicUrl;
  const [summary, page] = await Promise.all([storySummaries(deps, [story]), loadStoryPage(deps, story)]);
  const v = page.story;
  const keys = [K.chrome, ...summary.keys, ...new Set(embeddedStoryIds(v.body).map(K.story))];
  const data: ApiStory = {
    ...summary.data[0]!,
    readingMinutes: v.readingMinutes,
    wordCount: v.wordCount,
    hero: v.hero
      ? { image: apiImage(base, v.hero.image, v.hero.alt), caption: v.hero.caption, credit: v.hero.credit }
      : null,
    body: { document: v.body, html: renderDocumentHtml(v.body, { ...page.render, baseUrl: base }) },
    seo: apiSeo(base, v.seo),
  };
  return { data, keys };
}
