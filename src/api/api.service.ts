import type { AppDeps } from '../app.deps.js';
import type { Story } from '../db/database.js';
import { renderDocumentHtml } from '../document/document.render.js';
import { presentImage } from '../media/image.present.js';
import { imagesByIds } from '../media/image.repo.js';
import { listSections } from '../sections/section.repo.js';
import { loadStoryPage } from '../stories/story.page-data.js';
import { type CardRow, authorsForStories } from '../stories/story.repo.js';
import { type ApiStory, type ApiStorySummary, apiImage, apiStorySummary } from './api.present.js';
import { tagsForStories } from './api.repo.js';

type Deps = Pick<AppDeps, 'db' | 'media' | 'config'>;

/** Story summaries for a page of rows, in a fixed number of batched queries (never one per story). */
export async function storySummaries(deps: Deps, rows: readonly CardRow[]): Promise<ApiStorySummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sections, authors, tags, images, deks] = await Promise.all([
    listSections(deps.db),
    authorsForStories(deps.db, ids),
    tagsForStories(deps.db, ids),
    imagesByIds(deps.db, rows.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : []))),
    deps.db.selectFrom('stories').select(['id', 'dek']).where('id', 'in', ids).execute(),
  ]);
  const sectionMap = new Map(sections.map((s) => [s.id, s]));
  const dekMap = new Map(deks.map((d) => [d.id, d.dek]));
  const base = deps.config.publicUrl;
  return rows.map((r) => {
    const img = r.hero_image_id ? images.get(r.hero_image_id) : undefined;
    return apiStorySummary(base, r, {
      dek: dekMap.get(r.id) ?? '',
      sections: sectionMap,
      authors: authors.get(r.id) ?? [],
      tags: tags.get(r.id) ?? [],
      image: img ? presentImage(img, deps.media) : null,
    });
  });
}

/** A published story in full: the summary, reading time, hero and the body as document and HTML. */
export async function storyDetail(deps: Deps, story: Story & { published_at: number }): Promise<ApiStory> {
  const base = deps.config.publicUrl;
  const [[summary], page] = await Promise.all([storySummaries(deps, [story]), loadStoryPage(deps, story)]);
  const v = page.story;
  return {
    ...summary!,
    readingMinutes: v.readingMinutes,
    wordCount: v.wordCount,
    hero: v.hero ? { image: apiImage(base, v.hero.image, v.hero.alt), caption: v.hero.caption, credit: v.hero.credit } : null,
    body: { document: v.body, html: renderDocumentHtml(v.body, { ...page.render, baseUrl: base }) },
  };
}
