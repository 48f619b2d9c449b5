import type { Kysely } from 'kysely';
import type { Database, Image } from '../db/database.js';
import type { ProcessedImage } from './image.pipeline.js';

export interface ImageMeta {
  alt?: string;
  caption?: string;
  credit?: string;
}

/** Records a processed image and returns its row. */
export async function insertImage(db: Kysely<Database>, img: ProcessedImage, meta: ImageMeta, now: number): Promise<Image> {
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

/** Loads several images in one query, keyed by id. */
export async function imagesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, Image>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('images').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** A page of the media library, newest upload first, keyset-paged on id (ids only grow). */
export async function listImages(db: Kysely<Database>, opts: { beforeId?: number | null; limit: number }): Promise<Image[]> {
  let q = db.selectFrom('images').selectAll();
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

/** One image by id. */
export async function imageById(db: Kysely<Database>, id: number): Promise<Image | undefined> {
  return db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
}
