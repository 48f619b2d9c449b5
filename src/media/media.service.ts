import type { AppDeps } from '../app.deps.js';
import type { Image, User } from '../db/database.js';
import type { StoryDocument } from '../document/document.schema.js';
import { AppError, notFound } from '../http/errors.js';
import { type Crop, type Variant, inspectImage, renderImage } from './image.pipeline.js';
import { type ImageView, presentImage } from './image.present.js';
import { type CursorOf, keysetPage } from '../lib/cursor.js';
import {
  type ImageRemoval,
  imageById,
  imageUseCandidates,
  insertImage,
  listImages,
  otherImagesWithKey,
  removeImage,
} from './image.repo.js';
import { libraryCursor, libraryKeys } from './image.cursor.js';
import type { ImageMeta } from './media.input.js';
import { assertCan } from '../users/user.policy.js';

/** A page of the media library (GET /desk/api/media): newest first, and the cursor of the next page. */
export interface MediaPage {
  images: ImageView[];
  next: string | null;
  /** With a viewer: the ids on this page that they uploaded (the desk offers them Delete). */
  mine?: number[];
}

/** Media library pages hold this many images. */
export const LIBRARY_PAGE_SIZE = 24;

/**
 * Stores an upload: checked by content, size and pixel count in the pipeline (which throws a 4xx AppError
 * a person can read), variants written, then recorded with its alt text, caption and credit (parsed at the
 * face with ImageMetaSchema). The work waits its turn at the image gate (or is refused with a 503 when the
 * queue is full), so uploads cannot take the machine from readers.
 */
export async function uploadImage(
  deps: Pick<AppDeps, 'db' | 'media' | 'clock' | 'config' | 'imageGate'>,
  uploader: Pick<User, 'id'>,
  bytes: Buffer,
  meta: ImageMeta,
): Promise<Image> {
  const inspected = await inspectImage(bytes, { maxPixels: deps.config.images.maxPixels });
  const processed = await deps.imageGate.run(() => renderImage(deps.media, bytes, inspected));
  return insertImage(deps.db, processed, meta, deps.clock(), uploader.id);
}

/** A story (or live blog) that shows an image, as a refusal lists it. */
export interface ImageUse {
  id: number;
  headline: string;
  status: string;
}

const withoutImage = (doc: StoryDocument, id: number): StoryDocument | null =>
  doc.blocks.some((b) => b.type === 'image' && b.imageId === id)
    ? { ...doc, blocks: doc.blocks.filter((b) => !(b.type === 'image' && b.imageId === id)) }
    : null;

/**
 * Deletes an image (editors and up; anyone their own upload that nothing uses). While stories show it (as hero,
 * social card image, in the body or in a live blog entry) or an author has it as avatar, it is refused with a 409 that lists them,
 * unless `confirm`ed: then it is taken
 * out of each (hero cleared, its body blocks removed, in the story, its revisions and live blog entries, so
 * neither the editor's working copy nor a restore brings it back), the row goes, its files are removed from
 * the store, and `media.deleted` is published before the events of the stories and authors that changed, which
 * purge their cached pages.
 */
export async function deleteImage(
  deps: Pick<AppDeps, 'db' | 'media' | 'events'>,
  user: User,
  id: number,
  opts: { confirm: boolean },
): Promise<{ removedFrom: ImageUse[] }> {
  const img = await imageById(deps.db, id);
  if (!img) throw notFound('image');
  const found = await imageUseCandidates(deps.db, id);
  const removal: ImageRemoval = { stories: [], revisions: [], entries: [], authorIds: found.authors.map((a) => a.id) };
  const uses = new Map<number, ImageUse & { kind: string }>();
  for (const s of found.stories) {
    const body = withoutImage(JSON.parse(s.body) as StoryDocument, id);
    const clearHero = s.hero_image_id === id;
    const clearSocial = (['og', 'twitter'] as const).filter((k) => s[`${k}_image_id`] === id);
    if (!body && !clearHero && !clearSocial.length) continue;
    removal.stories.push({ id: s.id, body: body ? JSON.stringify(body) : s.body, clearHero, clearSocial });
    uses.set(s.id, { id: s.id, headline: s.headline, status: s.status, kind: s.kind });
  }
  for (const r of found.revisions) {
    const snap = JSON.parse(r.snapshot) as {
      body?: StoryDocument;
      heroImageId?: number | null;
      ogImageId?: number | null;
      twitterImageId?: number | null;
    };
    const body = snap.body ? withoutImage(snap.body, id) : null;
    const clearHero = snap.heroImageId === id;
    const clearOg = snap.ogImageId === id;
    const clearTwitter = snap.twitterImageId === id;
    if (!body && !clearHero && !clearOg && !clearTwitter) continue;
    removal.revisions.push({
      id: r.id,
      snapshot: JSON.stringify({
        ...snap,
        ...(body ? { body } : {}),
        ...(clearHero ? { heroImageId: null, heroAlt: '', heroCaption: '', heroCredit: '' } : {}),
        ...(clearOg ? { ogImageId: null } : {}),
        ...(clearTwitter ? { twitterImageId: null } : {}),
      }),
    });
  }
  const entryStories = new Set<number>();
  for (const e of found.entries) {
    const body = withoutImage(JSON.parse(e.body) as StoryDocument, id);
    if (!body) continue;
    removal.entries.push({ id: e.id, body: JSON.stringify(body) });
    entryStories.add(e.story_id);
    if (!uses.has(e.story_id))
      uses.set(e.story_id, { id: e.story_id, headline: e.headline, status: e.status, kind: 'liveblog' });
  }
  const removedFrom = [...uses.values()].map(({ id, headline, status }) => ({ id, headline, status }));
  const inUse = removedFrom.length > 0 || found.authors.length > 0;
  assertCan(
    user,
    'media.delete',
    { uploadedBy: img.uploaded_by, inUse },
    img.uploaded_by === user.id
      ? 'This image is in use; only an editor can delete it and take it out of the stories that show it.'
      : 'Only editors can delete images that others uploaded.',
  );
  if (!opts.confirm && inUse) {
    const names = [
      ...removedFrom.map((s) => `“${s.headline}”`),
      ...found.authors.map((a) => `${a.name}’s profile picture`),
    ];
    throw new AppError(
      409,
      'image_in_use',
      `Image ${id} is used in ${names.length === 1 ? 'one place' : `${names.length} places`}: ${names.join(', ')}. ` +
        `Confirm to delete it and take it out of ${names.length === 1 ? 'it' : 'them'}.`,
      { stories: removedFrom, authors: found.authors },
    );
  }
  await removeImage(deps.db, id, removal);
  if ((await otherImagesWithKey(deps.db, id, img.storage_key)) === 0)
    await Promise.all(imageKeys(img).map((key) => deps.media.delete(key)));
  const actor = `user:${user.id}`;
  deps.events.publish({ type: 'media.deleted', id, actor });
  for (const s of uses.values()) {
    if (s.kind === 'liveblog' || entryStories.has(s.id))
      deps.events.publish({ type: 'liveblog.updated', id: s.id, actor });
    if (s.status === 'published') deps.events.publish({ type: 'story.updated', id: s.id, actor });
  }
  for (const a of found.authors) deps.events.publish({ type: 'author.updated', id: a.id, actor });
  return { removedFrom };
}

/** Every file of an image in the store: its full-size copy, variants and crops. */
function imageKeys(img: Image): string[] {
  const variants = JSON.parse(img.variants) as Variant[];
  const crops = JSON.parse(img.crops || '[]') as Crop[];
  return [img.storage_key, ...variants.map((v) => v.key), ...crops.map((c) => c.key)];
}

/** One page of the library as image views, and the cursor of the next (older) page. */
export async function libraryPage(
  deps: Pick<AppDeps, 'db' | 'media'>,
  before: CursorOf<typeof libraryCursor> | null,
  limit = LIBRARY_PAGE_SIZE,
  viewer?: Pick<User, 'id'>,
): Promise<MediaPage> {
  const page = await keysetPage(libraryCursor, libraryKeys, limit, (take) =>
    listImages(deps.db, { before, limit: take }),
  );
  const images = page.items.map((r) => presentImage(r, deps.media));
  if (!viewer) return { images, next: page.next };
  return { images, next: page.next, mine: page.items.filter((r) => r.uploaded_by === viewer.id).map((r) => r.id) };
}

/** One image's view, or a 404. */
export async function imageView(deps: Pick<AppDeps, 'db' | 'media'>, id: number): Promise<ImageView> {
  const row = await imageById(deps.db, id);
  if (!row) throw notFound('image');
  return presentImage(row, deps.media);
}
