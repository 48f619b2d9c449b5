import type { AppDeps } from '../app.deps.js';
import type { Image } from '../db/database.js';
import { notFound } from '../http/errors.js';
import { processImage } from './image.pipeline.js';
import { type ImageView, presentImage } from './image.present.js';
import { type CursorOf, keysetPage } from '../lib/cursor.js';
import { imageById, insertImage, libraryCursor, libraryKeys, listImages } from './image.repo.js';
import type { ImageMeta } from './media.input.js';

/** A page of the media library (GET /desk/api/media): newest first, and the cursor of the next page. */
export interface MediaPage {
  images: ImageView[];
  next: string | null;
}

/** Media library pages hold this many images. */
export const LIBRARY_PAGE_SIZE = 24;

/**
 * Stores an upload: checked by content, size and pixel count in the pipeline (which throws a 4xx AppError
 * a person can read), variants written, then recorded with its alt text, caption and credit (parsed at the
 * face with ImageMetaSchema).
 */
export async function uploadImage(
  deps: Pick<AppDeps, 'db' | 'media' | 'clock'>,
  bytes: Buffer,
  meta: ImageMeta,
): Promise<Image> {
  const processed = await processImage(deps.media, bytes);
  return insertImage(deps.db, processed, meta, deps.clock());
}

/** One page of the library as image views, and the cursor of the next (older) page. */
export async function libraryPage(
  deps: Pick<AppDeps, 'db' | 'media'>,
  before: CursorOf<typeof libraryCursor> | null,
  limit = LIBRARY_PAGE_SIZE,
): Promise<MediaPage> {
  const page = await keysetPage(libraryCursor, libraryKeys, limit, (take) =>
    listImages(deps.db, { before, limit: take }),
  );
  return { images: page.items.map((r) => presentImage(r, deps.media)), next: page.next };
}

/** One image's view, or a 404. */
export async function imageView(deps: Pick<AppDeps, 'db' | 'media'>, id: number): Promise<ImageView> {
  const row = await imageById(deps.db, id);
  if (!row) throw notFound('image');
  return presentImage(row, deps.media);
}
