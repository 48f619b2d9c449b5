import type { Story, DbHandle } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { type StoryDocument, documentText } from '../document/document.schema.js';
import { stripControls } from './search.query.js';
import { indexText } from './search.words.js';

/** The searchable text of a story body: every paragraph, heading, quote, list item and caption. */
export function searchableBody(body: string | StoryDocument): string {
  const doc = typeof body === 'string' ? (JSON.parse(body) as StoryDocument) : body;
  return stripControls(documentText(doc).join('\n'));
}

/** A story as the index reads it; a page (kind 'page') is never news, so never in the index. */
type Indexable = Pick<Story, 'id' | 'headline' | 'dek' | 'body' | 'status' | 'language' | 'kind'>;

/**
 * Writes the index rows of stories loaded in bulk (seed, import, restore): published ones are (re)indexed,
 * any other status (and any page) is removed. Bulk loaders announce one site.replaced, not an event per story, so they fill
 * the index themselves, in the transaction that writes the stories. Single stories follow their events instead
 * (search.indexer.ts).
 */
export async function syncStorySearch(db: DbHandle, stories: readonly Indexable[]): Promise<void> {
  if (stories.length === 0) return;
  await writeIndex(
    db,
    stories.map((s) => s.id),
    stories,
  );
}

/**
 * Brings the index in step with what the stories `ids` are now: reads them and rewrites their rows in one
 * transaction (a story gone or not published leaves the index). On PostgreSQL the rows are locked while it
 * runs, so a write to the same story in another process waits, and its own re-index reads what it wrote:
 * the last writer's state is the one indexed.
 */
export async function reindexStories(db: DbHandle, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction().execute(async (tx) => writeIndex(tx, ids, await indexableStories(tx, ids, { lock: true })));
}

/**
 * Rewrites the whole index from the stories, in batches of 500 (restoring an export; a migration that changes
 * how text is processed). Run it in a transaction.
 */
export async function rebuildSearchIndex(db: DbHandle): Promise<void> {
  for (let after = 0; ; ) {
    const batch = await indexableStoriesAfter(db, after, 500);
    if (!batch.length) return;
    await syncStorySearch(db, batch);
    after = batch[batch.length - 1]!.id;
  }
}

async function writeIndex(db: DbHandle, ids: readonly number[], stories: readonly Indexable[]): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const key = pg ? 'story_id' : 'rowid';
  await db
    .deleteFrom('story_search')
    .where(key, 'in', [...ids])
    .execute();
  const rows = stories
    .filter((s) => s.status === 'published' && s.kind !== 'page')
    .map((s) => ({
      [key]: s.id,
      headline: indexText(s.headline),
      dek: indexText(s.dek),
      body: indexText(searchableBody(s.body)),
      language: s.language,
    }));
  // 5 parameters a row: 200 rows stay far below either engine's limit on bound parameters.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('story_search')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** The given stories as the index needs them; `lock` holds their rows (PostgreSQL) until the transaction ends. */
export async function indexableStories(
  db: DbHandle,
  ids: readonly number[],
  opts: { lock?: boolean } = {},
): Promise<Indexable[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('stories')
    .select(['id', 'headline', 'dek', 'body', 'status', 'language', 'kind'])
    .where('id', 'in', [...ids]);
  if (opts.lock && dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.execute();
}

/** Up to `limit` stories with ids above `afterId`, in id order, as the index needs them (rebuilding it in batches). */
async function indexableStoriesAfter(db: DbHandle, afterId: number, limit: number): Promise<Indexable[]> {
  return db
    .selectFrom('stories')
    .select(['id', 'headline', 'dek', 'body', 'status', 'language', 'kind'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
