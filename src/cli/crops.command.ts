import type { CliCommand } from './command.js';
import type { AppDeps } from '../app.deps.js';
import { makeCrops } from '../media/image.pipeline.js';
import { imagesWithoutCrops, setImageCrops } from '../media/image.repo.js';
import { backfillImages } from '../media/image.backfill.js';

/**
 * Makes the 16:9, 4:3 and 1:1 crops of every image stored before crops existed, from its original.
 * Pages work without them (structured data falls back to the largest variant); this brings old stories
 * up to what search engines prefer. Returns how many images were done and how many originals were missing.
 * Running servers keep images in memory (and pages carry their crops): when any changed, it publishes
 * `site.replaced`, which drops both in every process.
 */
export async function backfillCrops(
  deps: Pick<AppDeps, 'db' | 'media' | 'events'>,
): Promise<{ done: number; missing: number }> {
  return backfillImages(deps, 'media:crops', imagesWithoutCrops, async (img, file) => {
    const base = img.storage_key.slice(0, img.storage_key.lastIndexOf('/'));
    await setImageCrops(deps.db, img.id, await makeCrops(deps.media, file, base, img.width, img.height));
  });
}

/** `npm run broadsheet -- media crops`. */
export const cropsCommand: CliCommand = {
  name: 'media crops',
  usage: 'media crops                  make the structured-data crops of images stored before they existed',
  async run(_args, deps) {
    const result = await backfillCrops(deps);
    process.stdout.write(`${JSON.stringify({ cropped: result.done, originals_missing: result.missing })}\n`);
  },
};
