import type { CoreDeps } from '../core.deps.js';
import { listNewsletters } from './newsletter.repo.js';
import { type NewsletterView, presentNewsletter } from './newsletter.service.js';
import { subscribeReader, subscriptionsOfReader, unsubscribeReader } from './subscription.repo.js';

type Deps = Pick<CoreDeps, 'db' | 'events' | 'clock'>;

/** A newsletter as one reader sees it: whether they get it. */
export interface ReaderNewsletter {
  newsletter: NewsletterView;
  subscribed: boolean;
}

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

/** Every newsletter not archived, with whether the reader gets it (the account page's choices). */
export async function readerNewsletters(deps: Pick<Deps, 'db'>, readerId: number): Promise<ReaderNewsletter[]> {
  const [all, mine] = await Promise.all([listNewsletters(deps.db), subscriptionsOfReader(deps.db, readerId)]);
  const on = new Set(mine.filter((s) => s.status === 'subscribed').map((s) => s.newsletterId));
  return all.map((n) => ({ newsletter: presentNewsletter(n), subscribed: on.has(n.id) }));
}

/**
 * Makes a reader's choices exactly `chosen` (the account page's form): subscribes to those, unsubscribes from
 * every other they had. Resolves with what changed.
 */
export async function setReaderNewsletters(
  deps: Deps,
  readerId: number,
  chosen: readonly number[],
  source = 'account',
): Promise<{ subscribed: number[]; unsubscribed: number[] }> {
  const want = new Set(chosen);
  const mine = await subscriptionsOfReader(deps.db, readerId);
  const drop = mine.filter((s) => s.status === 'subscribed' && !want.has(s.newsletterId)).map((s) => s.newsletterId);
  const unsubscribed: number[] = [];
  for (const id of drop) if (await unsubscribeReader(deps.db, readerId, id, deps.clock())) unsubscribed.push(id);
  const subscribed = await subscribe(deps, readerId, [...want], source);
  if (unsubscribed.length && !subscribed.length)
    deps.events.publish({ type: 'newsletter.subscriptions.updated', id: readerId, actor: `reader:${readerId}` });
  return { subscribed, unsubscribed };
}

/** The newsletters a new reader gets unless they untick them (default on), among those not archived. */
export async function defaultNewsletterIds(deps: Pick<Deps, 'db'>): Promise<number[]> {
  return (await listNewsletters(deps.db)).filter((n) => n.default_on === 1).map((n) => n.id);
}
