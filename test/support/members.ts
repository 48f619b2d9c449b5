import type { AppDeps } from '../../src/app.deps.js';
import type { CommentStatus, Newsletter, Reader, SubscriptionStatus } from '../../src/db/database.js';

let counter = 0;
const next = () => ++counter;

/** A reader row written straight into the table (the members desk reads what any part of the app wrote). */
export async function makeReader(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  over: Partial<Omit<Reader, 'id'>> = {},
): Promise<Reader> {
  const now = deps.clock();
  const i = next();
  return deps.db
    .insertInto('readers')
    .values({
      email: `reader${i}-${now}@readers.test`,
      name: `Reader ${i}`,
      comment_name: '',
      language: 'en',
      source: 'footer',
      source_detail: '',
      confirmed_at: now,
      bouncing_at: null,
      bounce_reason: '',
      comments_banned_at: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      ...over,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeNewsletter(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  over: Partial<Omit<Newsletter, 'id'>> = {},
): Promise<Newsletter> {
  const now = deps.clock();
  const i = next();
  const name = over.name ?? `Newsletter ${i}`;
  return deps.db
    .insertInto('newsletters')
    .values({
      slug: `newsletter-${i}`,
      name,
      description: '',
      sender_name: 'The Test Gazette',
      sender_email: 'news@gazette.test',
      reply_to: '',
      language: '',
      default_on: 0,
      visible: 1,
      digest_hour: null,
      position: i,
      archived_at: null,
      created_at: now,
      updated_at: now,
      ...over,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

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
