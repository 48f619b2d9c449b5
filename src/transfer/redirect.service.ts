import type { DbHandle } from '../db/database.js';
import { redirectTarget } from './redirect.repo.js';

/** The longest path looked up: no stored (imported) path is longer, so a longer one is not worth a query. */
const MAX_OLD_PATH = 1000;

/** Where an old (imported) URL's path lives now, or null when it is no old URL (or too long to be one). */
export async function oldUrlTarget(db: DbHandle, path: string): Promise<string | null> {
  if (path.length > MAX_OLD_PATH) return null;
  return redirectTarget(db, path);
}
