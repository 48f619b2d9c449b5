import { readFile } from 'node:fs/promises';
import type { AppDeps } from '../app.deps.js';
import { setAvatarIfMissing } from '../authors/author.repo.js';
import type { Block, StoryDocument } from '../document/document.schema.js';
import { processImage } from '../media/image.pipeline.js';
import { insertImage } from '../media/image.repo.js';
import { storyById } from '../stories/story.repo.js';
import { updateStory } from '../stories/story.service.js';
import { findLocalMedia } from './import.media.js';
import { deletePendingMedia, listPendingMedia } from './import.repo.js';

export interface PlaceResult {
  placed: number;
  /** Still pending: not found in the folder, or unreadable. */
  left: number;
}

/**
 * Places images an import left pending, once their files are at hand (downloaded elsewhere into `dir`):
 * each goes through the image pipeline, then into its story body (where it stood), its hero, its social card
 * (og, twitter) or its author's avatar, through the story service so derived fields, the search index and caches follow.
 */
export async function placePendingMedia(
  deps: Pick<AppDeps, 'db' | 'media' | 'clock' | 'events'>,
  dir: string,
): Promise<PlaceResult> {
  const rows = await listPendingMedia(deps.db);
  const imageFor = new Map<string, number | null>();
  for (const r of rows) {
    if (imageFor.has(r.source_url)) continue;
    const file = await findLocalMedia(dir, r.source_url);
    const processed = file ? await processImage(deps.media, await readFile(file)).catch(() => null) : null;
    imageFor.set(
      r.source_url,
      processed
        ? (await insertImage(deps.db, processed, { alt: r.alt, caption: r.caption, credit: r.credit }, deps.clock())).id
        : null,
    );
  }
  const ready = rows.filter((r) => imageFor.get(r.source_url));
  for (const r of ready.filter((x) => x.target_kind === 'author'))
    await setAvatarIfMissing(deps.db, r.target_id, imageFor.get(r.source_url)!);

  const byStory = new Map<number, typeof ready>();
  for (const r of ready)
    if (r.target_kind === 'story') byStory.set(r.target_id, [...(byStory.get(r.target_id) ?? []), r]);
  for (const [storyId, list] of byStory) {
    const story = await storyById(deps.db, storyId);
    if (!story) continue;
    const blocks = [...(JSON.parse(story.body) as StoryDocument).blocks];
    // Keep the story's times and excerpt: placing a photo is not an edit readers should see as an update.
    const patch: Parameters<typeof updateStory>[2] = { updatedAt: story.updated_at, excerpt: story.excerpt };
    // Positions count the blocks that existed without any pending image, so each insert shifts the later ones.
    let inserted = 0;
    for (const r of list.sort((a, b) => a.position - b.position || a.id - b.id)) {
      const imageId = imageFor.get(r.source_url)!;
      if (r.role === 'hero') {
        if (!story.hero_image_id)
          Object.assign(patch, { heroImageId: imageId, heroAlt: r.alt, heroCaption: r.caption, heroCredit: r.credit });
        continue;
      }
      // The social card images (OpenGraph, Twitter), unless one was chosen meanwhile.
      if (r.role === 'og' || r.role === 'twitter') {
        if (r.role === 'og' && !story.og_image_id) patch.ogImageId = imageId;
        if (r.role === 'twitter' && !story.twitter_image_id) patch.twitterImageId = imageId;
        continue;
      }
      const block: Block = {
        type: 'image',
        imageId,
        alt: r.alt,
        ...(r.caption ? { caption: r.caption } : {}),
        ...(r.credit ? { credit: r.credit } : {}),
      };
      blocks.splice(Math.min(r.position + inserted++, blocks.length), 0, block);
    }
    await updateStory(deps, storyId, { ...patch, body: { version: 1, blocks } }, 'import');
  }
  await deletePendingMedia(
    deps.db,
    ready.map((r) => r.id),
  );
  return { placed: ready.length, left: rows.length - ready.length };
}
