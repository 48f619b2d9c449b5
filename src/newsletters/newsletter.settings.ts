import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app.deps.js';
import type { DbHandle } from '../db/database.js';
import { getSetting, insertSetting } from '../settings/settings.repo.js';

/** Whether the newsroom counts opens and clicks (an opt-in setting, off by default, disclosed to readers). */
export async function trackingEnabled(deps: Pick<AppDeps, 'lookups'>): Promise<boolean> {
  return (await deps.lookups.settings()).newsletterTracking;
}

/** The settings row holding the key that signs unsubscribe and counting links. */
const SIGNING_KEY = 'newsletters.signing_key';

/**
 * The key newsletter links are signed with: made once per installation (the first process to need it writes it,
 * the unique settings key makes every other read that one) and carried by exports, so links in mail already sent
 * keep working after a move.
 */
export async function signingKey(db: DbHandle): Promise<Buffer> {
  let stored = await getSetting(db, SIGNING_KEY);
  if (!stored) {
    await insertSetting(db, SIGNING_KEY, randomBytes(32).toString('base64url'), 'keep');
    stored = (await getSetting(db, SIGNING_KEY))!;
  }
  return Buffer.from(stored, 'base64url');
}
