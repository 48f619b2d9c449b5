import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { type ImageView, presentImage } from './image.present.js';
import { imageViewRowsByIds } from './image.repo.js';

/**
 * Images as pages show them, by id (unknown ids left out): from the app's lookups, which keep them in memory,
 * or read and presented here where there are none (previews, scripts).
 */
export async function imageViewsByIds(deps: Pick<CoreDeps, 'db' | 'media'> & { lookups?: Lookups }, ids: readonly number[]): Promise<Map<number, ImageView>> {
  if (deps.lookups) return deps.lookups.images(ids);
  const rows = await imageViewRowsByIds(deps.db, ids);
  return new Map([...rows].map(([id, row]) => [id, presentImage(row, deps.media)]));
}
