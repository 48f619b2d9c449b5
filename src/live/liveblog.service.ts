import type { DbHandle, Story, User } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { storyById } from '../stories/story.repo.js';
import { appendFeedEvent } from './event-log.repo.js';
import type { EntryValues, NewEntry } from './liveblog.input.js';
import {
  type EntryRow,
  deleteEntryRow,
  entriesForBlog,
  entryById,
  insertEntry,
  isStoryAuthor,
  setCoverageEnded,
  updateEntryRow,
} from './liveblog.repo.js';

/** What the live-blog service needs, passed in from the composition root. */
export interface LiveblogDeps {
  db: DbHandle;
  events: EventBus;
  clock: () => number;
}

/** The story behind a live blog, or a 404 / 409 a person understands. */
export async function requireLiveblog(db: DbHandle, storyId: number): Promise<Story> {
  const story = await storyById(db, storyId);
  if (!story) throw notFound('live blog');
  if (story.kind !== 'liveblog')
    throw new AppError(409, 'not_liveblog', 'That story is not a live blog. Change its kind to “live blog” first.');
  return story;
}

/** An entry, or a 404; with `blogId`, also a 404 when it is another blog's (no editing it through this one). */
export async function requireEntry(db: DbHandle, entryId: number, blogId?: number): Promise<EntryRow> {
  const entry = await entryById(db, entryId);
  if (!entry || (blogId !== undefined && entry.story_id !== blogId)) throw notFound('entry');
  return entry;
}

const EDITORS = new Set(['owner', 'admin', 'editor']);

/** Editors and up run any live blog (pins, deletions, end of coverage) and the breaking-news banner. */
export const isLiveEditor = (u: Pick<User, 'role'>) => EDITORS.has(u.role);

/**
 * The live blog a user may write in, and whether they edit it: editors run any live blog; an author may add
 * entries to a blog whose byline they are on. Anyone else gets a 403.
 */
export async function liveblogAccess(
  db: DbHandle,
  user: User,
  storyId: number,
): Promise<{ blog: Story; editor: boolean }> {
  const blog = await requireLiveblog(db, storyId);
  const editor = isLiveEditor(user);
  if (
    !editor &&
    !(user.role === 'author' && user.author_id !== null && (await isStoryAuthor(db, blog.id, user.author_id)))
  )
    throw forbidden('Only editors, and authors on this live blog’s byline, can write here.');
  return { blog, editor };
}

/** The desk's page of a live blog: the blog (if the user may write in it, as above) and its entries as readers see them. */
export async function liveblogDeskPage(
  db: DbHandle,
  user: User,
  storyId: number,
): Promise<{ blog: Story; editor: boolean; entries: EntryRow[] }> {
  const access = await liveblogAccess(db, user, storyId);
  return { ...access, entries: await entriesForBlog(db, access.blog.id) };
}

/**
 * Adds an entry (parsed at the face with EntryInputSchema); readers of the blog see it through the live stream.
 * Closed blogs take no entries.
 */
export async function addEntry(
  deps: LiveblogDeps,
  storyId: number,
  values: NewEntry,
  actor: string,
): Promise<EntryRow> {
  const v: EntryValues = { headline: '', authorIds: [], pinned: false, ...values };
  const story = await requireLiveblog(deps.db, storyId);
  if (story.coverage_ended_at != null)
    throw new AppError(409, 'liveblog_ended', 'This live blog has ended. Reopen it to add entries.');
  const now = deps.clock();
  const entry = await deps.db.transaction().execute(async (tx) => {
    const row = await insertEntry(tx, {
      story_id: storyId,
      headline: v.headline,
      body: JSON.stringify(v.body),
      author_ids: JSON.stringify([...new Set(v.authorIds)]),
      pinned: v.pinned ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    await appendFeedEvent(tx, { type: 'entry.added', storyId, entryId: row.id, at: now });
    return row;
  });
  deps.events.publish({ type: 'liveblog.updated', id: storyId, actor });
  return entry;
}

/** Changes an entry (fields left out keep their values): its text, byline, or pin. */
export async function updateEntry(
  deps: LiveblogDeps,
  entryId: number,
  patch: Partial<EntryValues>,
  actor: string,
): Promise<EntryRow> {
  const current = await requireEntry(deps.db, entryId);
  const v: EntryValues = {
    headline: current.headline,
    body: JSON.parse(current.body),
    authorIds: JSON.parse(current.author_ids),
    pinned: current.pinned === 1,
    ...patch,
  };
  const now = deps.clock();
  const entry = await deps.db.transaction().execute(async (tx) => {
    const row = await updateEntryRow(tx, entryId, {
      headline: v.headline,
      body: JSON.stringify(v.body),
      author_ids: JSON.stringify([...new Set(v.authorIds)]),
      pinned: v.pinned ? 1 : 0,
      updated_at: now,
    });
    if (!row) throw notFound('entry');
    await appendFeedEvent(tx, { type: 'entry.updated', storyId: row.story_id, entryId, at: now });
    return row;
  });
  deps.events.publish({ type: 'liveblog.updated', id: entry.story_id, actor });
  return entry;
}

/** Pins an entry to the top of its blog (or unpins it). */
export function pinEntry(deps: LiveblogDeps, entryId: number, pinned: boolean, actor: string): Promise<EntryRow> {
  return updateEntry(deps, entryId, { pinned }, actor);
}

/** Removes an entry; open pages drop it. */
export async function deleteEntry(deps: LiveblogDeps, entryId: number, actor: string): Promise<void> {
  const entry = await requireEntry(deps.db, entryId);
  await deps.db.transaction().execute(async (tx) => {
    await deleteEntryRow(tx, entryId);
    await appendFeedEvent(tx, { type: 'entry.deleted', storyId: entry.story_id, entryId, at: deps.clock() });
  });
  deps.events.publish({ type: 'liveblog.updated', id: entry.story_id, actor });
}

/** Ends the blog's coverage (it loses its LIVE label), or reopens it with `ended: false`. */
export async function setCoverage(deps: LiveblogDeps, storyId: number, ended: boolean, actor: string): Promise<void> {
  const story = await requireLiveblog(deps.db, storyId);
  if ((story.coverage_ended_at != null) === ended) return;
  const now = deps.clock();
  await deps.db.transaction().execute(async (tx) => {
    await setCoverageEnded(tx, storyId, ended ? now : null);
    await appendFeedEvent(tx, { type: ended ? 'liveblog.ended' : 'liveblog.reopened', storyId, at: now });
  });
  deps.events.publish({ type: 'liveblog.updated', id: storyId, actor });
}
