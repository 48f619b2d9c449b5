import type { Story, DbHandle } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { type StoryDocument, documentText } from '../document/document.schema.js';
import { stripControls } from './search.query.js';

/** The searchable text of a story body: every paragraph, heading, quote, list item and caption. */
export function searchableBody(body: string | StoryDocument): string {
  const doc = typeof body === 'string' ? (JSON.parse(body) as StoryDocument) : body;
  return stripControls(documentText(doc).join('\n'));
}

type Indexable = Pick<Story, 'id' | 'headline' | 'dek' | 'body' | 'status'>;

/**
 * Brings the index in step with stories just written: published ones are (re)indexed, any other
 * status is removed. Call it inside the transaction that wrote them, so the index never disagrees
 * with what readers can see.
 */
export async function syncStorySearch(db: DbHandle, stories: readonly Indexable[]): Promise<void> {
  if (stories.length === 0) return;
  const pg = dialectOf(db) === 'postgres';
  const key = pg ? 'story_id' : 'rowid';
  await db.deleteFrom('story_search').where(key, 'in', stories.map((s) => s.id)).execute();
  const rows = stories
    .filter((s) => s.status === 'published')
    .map((s) => ({ [key]: s.id, headline: stripControls(s.headline), dek: stripControls(s.dek), body: searchableBody(s.body) }));
  // 4 parameters a row: 200 rows stay far below either engine's limit on bound parameters.
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('story_search').values(rows.slice(i, i + 200)).execute();
}

/** The given stories as the index needs them. */
export async function indexableStories(db: DbHandle, ids: readonly number[]): Promise<Indexable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('stories').select(['id', 'headline', 'dek', 'body', 'status']).where('id', 'in', [...ids]).execute();
}

/** Up to `limit` stories with ids above `afterId`, in id order, as the index needs them (rebuilding it in batches). */
export async function indexableStoriesAfter(db: DbHandle, afterId: number, limit: number): Promise<Indexable[]> {
  return db.selectFrom('stories').select(['id', 'headline', 'dek', 'body', 'status']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
