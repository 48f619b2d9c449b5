import type { AppDeps } from '../app.deps.js';
import { FULL_NAME, cleanCopy } from '../media/image.pipeline.js';
import { imagesWithUntouchedOriginal, setImageFile } from '../media/image.repo.js';
import { backfillImages } from '../media/image.backfill.js';
import type { CliCommand } from './command.js';

const FORMAT_OF: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'heif',
};

/**
 * Replaces the untouched uploads stored before stripping (`…/original.jpg`, with their EXIF: GPS position,
 * camera, owner) with the full-size copy new uploads get (`…/full.jpg`: upright, colour profile kept, no other
 * metadata), points each image at it and deletes the original. Until it has run, such originals are already
 * never served (media.site.ts) and pages link their largest variant instead; this removes them from the store
 * (and from backups, which copy the store). Variants and crops never carried metadata. Publishes
 * `site.replaced` when anything changed, so running servers drop the image views they hold.
 */
export async function stripOriginals(
  deps: Pick<AppDeps, 'db' | 'media' | 'events'>,
): Promise<{ stripped: number; missing: number }> {
  const { done, missing } = await backfillImages(
    deps,
    'media:strip',
    imagesWithUntouchedOriginal,
    async (img, file) => {
      const clean = await cleanCopy(file, FORMAT_OF[img.mime] ?? 'jpeg', 0);
      const key = `${img.storage_key.slice(0, img.storage_key.lastIndexOf('/'))}/${FULL_NAME}.${clean.ext}`;
      await deps.media.put(key, clean.data);
      await setImageFile(deps.db, img.id, key, clean.data.length);
      await deps.media.delete(img.storage_key);
    },
  );
  return { stripped: done, missing };
}

/** `npm run broadsheet -- media strip`. */
export const stripCommand: CliCommand = {
  name: 'media strip',
  usage: 'media strip                  replace originals uploaded before stripping with their metadata-free copy',
  async run(_args, deps) {
    const result = await stripOriginals(deps);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
};
