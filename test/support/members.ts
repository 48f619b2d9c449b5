import type { AppDeps } from '../../src/app.deps.js';
import type { CommentStatus, SubscriptionStatus } from '../../src/db/database.js';

let counter = 0;
const next = () => ++counter;

/** A reader's choice for a newsletter, written straight into the table (as any part of the app could have). */
export async function subscribe(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  readerId: number,
  newsletterId: number,
  status: SubscriptionStatus = 'subscribed',
  at = deps.clock(),
): Promise<void> {
  await deps.db
    .insertInto('newsletter_subscriptions')
    .values({
      reader_id: readerId,
      newsletter_id: newsletterId,
      status,
      source: 'footer',
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** A reader's comment on a story, written straight into the table. */
export async function makeReaderComment(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  storyId: number,
  readerId: number | null,
  body = `A comment ${next()}`,
  status: CommentStatus = 'approved',
): Promise<number> {
  const now = deps.clock();
  const row = await deps.db
    .insertInto('comments')
    .values({ story_id: storyId, reader_id: readerId, parent_id: null, body, status, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
