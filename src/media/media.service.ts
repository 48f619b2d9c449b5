import type { AppDeps } from '../app.deps.js';
import type { Image } from '../db/database.js';
import { badRequest, notFound } from '../http/errors.js';
import { processImage } from './image.pipeline.js';
import { type ImageView, presentImage } from './image.present.js';
import { imageById, insertImage, listImages } from './image.repo.js';
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
export async function uploadImage(deps: Pick<AppDeps, 'db' | 'media' | 'clock'>, bytes: Buffer, meta: ImageMeta): Promise<Image> {
  const processed = await processImage(deps.media, bytes);
  return insertImage(deps.db, processed, meta, deps.clock());
}

/** One page of the library as image views, and the cursor of the next (older) page. */
export async function libraryPage(deps: Pick<AppDeps, 'db' | 'media'>, beforeId: number | null, limit = LIBRARY_PAGE_SIZE): Promise<MediaPage> {
  const rows = await listImages(deps.db, { beforeId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { images: page.map((r) => presentImage(r, deps.media)), next: rows.length > limit && last ? String(last.id) : null };
}

/** One image's view, or a 404. */
export async function imageView(deps: Pick<AppDeps, 'db' | 'media'>, id: number): Promise<ImageView> {
  const row = await imageById(deps.db, id);
  if (!row) throw notFound('image');
  return presentImage(row, deps.media);
}

/** Parses a library cursor (an image id); anything else is a readable 400. */
export function parseLibraryCursor(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,12}$/.test(raw)) throw badRequest('That "older uploads" link is not valid.');
  return Number(raw);
}
