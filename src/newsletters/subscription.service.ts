import type { CoreDeps } from '../core.deps.js';
import { subscribeReader, unsubscribeReader } from './subscription.repo.js';

type Deps = Pick<CoreDeps, 'db' | 'events' | 'clock'>;

/**
 * Subscribes a reader to the newsletters named (those that exist and are not archived; others are ignored).
 * `source` says where they chose it ('story', 'footer', 'account', 'import:ghost', …). Resolves with the ids
 * newly subscribed; emits `newsletter.subscriptions.updated` when there are some.
 */
export async function subscribe(
  deps: Deps,
  readerId: number,
  newsletterIds: readonly number[],
  source: string,
  actor = `reader:${readerId}`,
): Promise<number[]> {
  const changed = await subscribeReader(deps.db, readerId, newsletterIds, source, deps.clock());
  if (changed.length) deps.events.publish({ type: 'newsletter.subscriptions.updated', id: readerId, actor });
  return changed;
}

/** Unsubscribes a reader from one newsletter, keeping the others. True when they were subscribed. */
export async function unsubscribe(
  deps: Deps,
  readerId: number,
  newsletterId: number,
  actor = `reader:${readerId}`,
): Promise<boolean> {
  const changed = await unsubscribeReader(deps.db, readerId, newsletterId, deps.clock());
  if (changed) deps.events.publish({ type: 'newsletter.subscriptions.updated', id: readerId, actor });
  return changed;
}
