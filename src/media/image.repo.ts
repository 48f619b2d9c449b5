import type { Image, DbHandle } from '../db/database.js';
import type { CursorOf } from '../lib/cursor.js';
import type { libraryCursor } from './image.cursor.js';
import type { Crop, ProcessedImage } from './image.pipeline.js';

export interface ImageMeta {
  alt?: string;
  caption?: string;
  credit?: string;
}

/** Records a processed image and returns its row. */
export async function insertImage(
  db: DbHandle,
  img: ProcessedImage,
  meta: ImageMeta,
  now: number,
  uploadedBy: number | null = null,
): Promise<Image> {
  return db
    .insertInto('images')
    .values({
      storage_key: img.storageKey,
      mime: img.mime,
      width: img.width,
      height: img.height,
      bytes: img.bytes,
      variants: JSON.stringify(img.variants),
      alt: meta.alt ?? '',
      caption: meta.caption ?? '',
      credit: meta.credit ?? '',
      created_at: now,
      crops: JSON.stringify(img.crops ?? []),
      uploaded_by: uploadedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The columns an image's reader view is made from (presentImage): not its size in bytes, type or upload time. */
export const IMAGE_VIEW_COLUMNS = [
  'id',
  'width',
  'height',
  'alt',
  'caption',
  'credit',
  'variants',
  'storage_key',
  'crops',
] as const;
export type ImageViewRow = Pick<Image, (typeof IMAGE_VIEW_COLUMNS)[number]>;

/**
 * Several images as pages show them, in one query, keyed by id. A story page reads a dozen (hero, body,
 * avatars, News Feed thumbnails) on every uncached request; the three columns left out were a quarter of it.
 */
export async function imageViewRowsByIds(db: DbHandle, ids: readonly number[]): Promise<Map<number, ImageViewRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('images').select(IMAGE_VIEW_COLUMNS).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Loads several images in one query, keyed by id. */
export async function imagesByIds(db: DbHandle, ids: readonly number[]): Promise<Map<number, Image>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('images').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Images without fixed-ratio crops (made before migration 030), after the given id, oldest first. */
export async function imagesWithoutCrops(db: DbHandle, afterId: number, limit: number): Promise<Image[]> {
  return db
    .selectFrom('images')
    .selectAll()
    .where('crops', '=', '[]')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records an image's crops. */
export async function setImageCrops(db: DbHandle, id: number, crops: readonly Crop[]): Promise<void> {
  await db
    .updateTable('images')
    .set({ crops: JSON.stringify(crops) })
    .where('id', '=', id)
    .execute();
}

/** A page of the media library, newest upload first, keyset-paged on id (ids only grow). */
export async function listImages(
  db: DbHandle,
  opts: { before?: CursorOf<typeof libraryCursor> | null; limit: number },
): Promise<Image[]> {
  let q = db.selectFrom('images').selectAll();
  if (opts.before) q = q.where('id', '<', opts.before.id);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

/** One image by id. */
export async function imageById(db: DbHandle, id: number): Promise<Image | undefined> {
  return db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A row that may show an image, for the delete check (its body or snapshot narrowed by text, confirmed by parsing). */
export interface ImageUseRows {
  stories: {
    id: number;
    headline: string;
    status: string;
    kind: string;
    hero_image_id: number | null;
    og_image_id: number | null;
    twitter_image_id: number | null;
    body: string;
  }[];
  revisions: { id: number; story_id: number; snapshot: string }[];
  entries: { id: number; story_id: number; body: string; headline: string; status: string }[];
  authors: { id: number; name: string }[];
}

/**
 * Every row that may show image `id`: stories whose hero it is or whose body names it, their revisions (so a
 * restore or the editor's working copy cannot bring it back), live blog entries and author avatars. The body
 * match is textual (`"imageId":12` also matches 123): the service parses each candidate to be exact.
 */
export async function imageUseCandidates(db: DbHandle, id: number): Promise<ImageUseRows> {
  const like = `%"imageId":${id}%`;
  const [stories, revisions, entries, authors] = await Promise.all([
    db
      .selectFrom('stories')
      .select(['id', 'headline', 'status', 'kind', 'hero_image_id', 'og_image_id', 'twitter_image_id', 'body'])
      .where((eb) =>
        eb.or([
          eb('hero_image_id', '=', id),
          eb('og_image_id', '=', id),
          eb('twitter_image_id', '=', id),
          eb('body', 'like', like),
        ]),
      )
      .orderBy('id')
      .execute(),
    db
      .selectFrom('story_revisions')
      .select(['id', 'story_id', 'snapshot'])
      .where((eb) =>
        eb.or(
          [like, ...['heroImageId', 'ogImageId', 'twitterImageId'].map((k) => `%"${k}":${id}%`)].map((p) =>
            eb('snapshot', 'like', p),
          ),
        ),
      )
      .execute(),
    db
      .selectFrom('liveblog_entries')
      .innerJoin('stories', 'stories.id', 'liveblog_entries.story_id')
      .select([
        'liveblog_entries.id',
        'liveblog_entries.story_id',
        'liveblog_entries.body',
        'stories.headline',
        'stories.status',
      ])
      .where('liveblog_entries.body', 'like', like)
      .execute(),
    db.selectFrom('authors').select(['id', 'name']).where('avatar_image_id', '=', id).orderBy('id').execute(),
  ]);
  return { stories, revisions, entries, authors };
}

/** What a delete rewrites, each row with the text it gets; the image row goes last. */
export interface ImageRemoval {
  /** clearSocial: the image was the story's social card image (og, Twitter), which are cleared. */
  stories: { id: number; body: string; clearHero: boolean; clearSocial?: ('og' | 'twitter')[] }[];
  revisions: { id: number; snapshot: string }[];
  entries: { id: number; body: string }[];
  authorIds: number[];
}

/** Takes an image out of everything that shows it and deletes its row, in one transaction. */
export async function removeImage(db: DbHandle, id: number, r: ImageRemoval): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const s of r.stories)
      await tx
        .updateTable('stories')
        .set({
          body: s.body,
          ...(s.clearHero ? { hero_image_id: null, hero_alt: '', hero_caption: '', hero_credit: '' } : {}),
          ...(s.clearSocial?.includes('og') ? { og_image_id: null } : {}),
          ...(s.clearSocial?.includes('twitter') ? { twitter_image_id: null } : {}),
        })
        .where('id', '=', s.id)
        .execute();
    for (const v of r.revisions)
      await tx.updateTable('story_revisions').set({ snapshot: v.snapshot }).where('id', '=', v.id).execute();
    for (const e of r.entries)
      await tx.updateTable('liveblog_entries').set({ body: e.body }).where('id', '=', e.id).execute();
    if (r.authorIds.length > 0)
      await tx.updateTable('authors').set({ avatar_image_id: null }).where('id', 'in', r.authorIds).execute();
    await tx.deleteFrom('images').where('id', '=', id).execute();
  });
}

/** How many other images share these files (the same bytes uploaded twice share one content-addressed folder). */
export async function otherImagesWithKey(db: DbHandle, id: number, storageKey: string): Promise<number> {
  const row = await db
    .selectFrom('images')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('storage_key', '=', storageKey)
    .where('id', '<>', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Images whose stored full-size file is still the untouched upload (`…/original.ext`, stored before stripping), after an id. */
export async function imagesWithUntouchedOriginal(db: DbHandle, afterId: number, limit: number): Promise<Image[]> {
  return db
    .selectFrom('images')
    .selectAll()
    .where('storage_key', 'like', '%/original.%')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Points an image at its stripped full-size copy. */
export async function setImageFile(db: DbHandle, id: number, storageKey: string, bytes: number): Promise<void> {
  await db.updateTable('images').set({ storage_key: storageKey, bytes }).where('id', '=', id).execute();
}
