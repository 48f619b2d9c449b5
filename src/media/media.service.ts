import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import type { Image } from '../db/database.js';
import { badRequest, notFound } from '../http/errors.js';
import { processImage } from './image.pipeline.js';
import { type ImageView, presentImage } from './image.present.js';
import { type CursorOf, keysetPage } from '../lib/cursor.js';
import { imageById, insertImage, libraryCursor, libraryKeys, listImages } from './image.repo.js';

/** The words that travel with an upload; the same limits as the document's image block. */
export const ImageMetaSchema = z.object({
  alt: z.string().trim().max(1000, 'Alt text may be at most 1,000 characters.').default(''),
  caption: z.string().trim().max(2000, 'A caption may be at most 2,000 characters.').default(''),
  credit: z.string().trim().max(500, 'A credit may be at most 500 characters.').default(''),
});
export type ImageMetaInput = z.input<typeof ImageMetaSchema>;

/** A page of the media library (GET /desk/api/media): newest first, and the cursor of the next page. */
export interface MediaPage {
  images: ImageView[];
  next: string | null;
}

/** Media library pages hold this many images. */
export const LIBRARY_PAGE_SIZE = 24;

/**
 * Stores an upload: checked by content, size and pixel count in the pipeline (which throws a 4xx AppError
 * a person can read), variants written, then recorded with its alt text, caption and credit.
 */
export async function uploadImage(deps: Pick<AppDeps, 'db' | 'media' | 'clock'>, bytes: Buffer, meta: ImageMetaInput): Promise<Image> {
  const parsed = ImageMetaSchema.safeParse(meta);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join(' '));
  const processed = await processImage(deps.media, bytes);
  return insertImage(deps.db, processed, parsed.data, deps.clock());
}

/** One page of the library as image views, and the cursor of the next (older) page. */
export async function libraryPage(deps: Pick<AppDeps, 'db' | 'media'>, before: CursorOf<typeof libraryCursor> | null, limit = LIBRARY_PAGE_SIZE): Promise<MediaPage> {
  const page = await keysetPage(libraryCursor, libraryKeys, limit, (take) => listImages(deps.db, { before, limit: take }));
  return { images: page.items.map((r) => presentImage(r, deps.media)), next: page.next };
}

/** One image's view, or a 404. */
export async function imageView(deps: Pick<AppDeps, 'db' | 'media'>, id: number): Promise<ImageView> {
  const row = await imageById(deps.db, id);
  if (!row) throw notFound('image');
  return presentImage(row, deps.media);
}
