import type { CoreDeps } from '../core.deps.js';
import type { DbHandle, Image } from '../db/database.js';

const BATCH = 50;

/**
 * Walks stored images in id order, a batch at a time (`page` picks the ones still to do), hands each one's stored
 * file to `work`, and publishes `site.replaced` when any was done, so running servers drop the image views (and
 * pages) they hold. An image whose file is missing from the store is counted and skipped. The one loop behind the
 * media backfill commands (crops, stripping metadata).
 */
export async function backfillImages(
  deps: Pick<CoreDeps, 'db' | 'media' | 'events'>,
  actor: string,
  page: (db: DbHandle, afterId: number, limit: number) => Promise<Image[]>,
  work: (img: Image, file: Buffer) => Promise<void>,
): Promise<{ done: number; missing: number }> {
  let after = 0;
  let done = 0;
  let missing = 0;
  for (;;) {
    const batch = await page(deps.db, after, BATCH);
    if (batch.length === 0) {
      if (done > 0) deps.events.publish({ type: 'site.replaced', id: 0, actor });
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
      await work(img, Buffer.concat(chunks));
      done++;
    }
  }
}
