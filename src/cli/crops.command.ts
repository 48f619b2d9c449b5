import type { CliCommand } from './command.js';
import type { AppDeps } from '../app.deps.js';
import { makeCrops } from '../media/image.pipeline.js';
import { imagesWithoutCrops, setImageCrops } from '../media/image.repo.js';

const BATCH = 50;

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
  let after = 0;
  let done = 0;
  let missing = 0;
  for (;;) {
    const batch = await imagesWithoutCrops(deps.db, after, BATCH);
    if (batch.length === 0) {
      if (done > 0) deps.events.publish({ type: 'site.replaced', id: 0, actor: 'media:crops' });
      return { done, missing };
    }
    for (const img of batch) {
      after = img.id;
      const file = await deps.media.get(img.storage_key);
      if (!file) {
        missing++;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      const base = img.storage_key.slice(0, img.storage_key.lastIndexOf('/'));
      await setImageCrops(
        deps.db,
        img.id,
        await makeCrops(deps.media, Buffer.concat(chunks), base, img.width, img.height),
      );
      done++;
    }
  }
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
