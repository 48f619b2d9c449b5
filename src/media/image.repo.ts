import type { Image, DbHandle } from '../db/database.js';
import { type CursorOf, cursorCodec } from '../lib/cursor.js';
import type { Crop, ProcessedImage } from './image.pipeline.js';

export interface ImageMeta {
  alt?: string;
  caption?: string;
  credit?: string;
}

/** Records a processed image and returns its row. */
export async function insertImage(db: DbHandle, img: ProcessedImage, meta: ImageMeta, now: number): Promise<Image> {
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

/** The media library's cursor: its order, the id. */
export const libraryCursor = cursorCodec({ id: 'int' });

/** An image's place in that order. */
export const libraryKeys = (r: Pick<Image, 'id'>): CursorOf<typeof libraryCursor> => ({ id: r.id });

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
