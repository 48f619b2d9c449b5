import type { AppDeps } from '../../src/app.deps.js';
import type { DbHandle } from '../../src/db/database.js';
import type { NewsletterValues } from '../../src/newsletters/newsletter.input.js';
import { type NewsletterView, createNewsletter } from '../../src/newsletters/newsletter.service.js';

let counter = 0;

/** A newsletter through the real service (visible, English unless told). */
export function makeNewsletter(deps: AppDeps, over: Partial<NewsletterValues> = {}): Promise<NewsletterView> {
  const n = ++counter;
  return createNewsletter(
    deps,
    {
      name: `Briefing ${n}`,
      slug: '',
      description: 'Every morning, what matters.',
      senderName: 'The Herald',
      senderEmail: 'briefing@herald.test',
      replyTo: '',
      language: '',
      defaultOn: false,
      visible: true,
      digestHour: null,
      position: 0,
      ...over,
    },
    'test',
  );
}

/**
 * Confirmed readers subscribed to a newsletter, written in bulk (chunks of rows, as an import would): addresses
 * `<prefix><i>@<domain>`. Resolves with their ids, in order.
 */
export async function makeSubscribers(
  db: DbHandle,
  newsletterId: number,
  count: number,
  opts: { prefix?: string; domain?: string; now?: number; confirmed?: boolean } = {},
): Promise<number[]> {
  const now = opts.now ?? Date.now();
  const prefix = opts.prefix ?? `reader${++counter}-`;
  const domain = opts.domain ?? 'example.org';
  const ids: number[] = [];
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => ({
      email: `${prefix}${start + i}@${domain}`,
      confirmed_at: opts.confirmed === false ? null : now,
      created_at: now,
      updated_at: now,
      bouncing_at: null,
      comments_banned_at: null,
      deleted_at: null,
    }));
    const made = await db.insertInto('readers').values(rows).returning('id').execute();
    ids.push(...made.map((r) => r.id));
    await db
      .insertInto('newsletter_subscriptions')
      .values(
        made.map((r) => ({
          reader_id: r.id,
          newsletter_id: newsletterId,
          status: 'subscribed' as const,
          source: 'test',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return ids;
}
