import type { AppDeps } from '../app.deps.js';
import type { DbHandle, Story, StoryComment, StoryCommentKind, User } from '../db/database.js';
import { badRequest, conflict } from '../http/errors.js';
import { isoTime } from '../lib/iso-date.js';
import { cancelPending, insertPending } from './story-revision.repo.js';
import { clearApproval, commentsForStory, insertComment, setApproval } from './story-desk.repo.js';
import {
  addStoryNote,
  assertScheduleTime,
  publishStory,
  scheduleStory,
  unpublishStory,
  updateStory,
} from './story.service.js';
import { assertCan } from '../users/user.policy.js';
import { deskStory, policyStory, workingCopy } from './story-edit.service.js';

type FlowDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'config'>;

const actorOf = (user: User) => `user:${user.id}`;

/** Keeps a line in the story's review history (comments, submissions, approvals, publishing). */
export async function addComment(
  db: DbHandle,
  storyId: number,
  user: User,
  kind: StoryCommentKind,
  body: string,
  at: number,
): Promise<void> {
  await insertComment(db, {
    story_id: storyId,
    user_id: user.id,
    user_name: user.name,
    kind,
    body: body.trim().slice(0, 4000),
    created_at: at,
  });
}

/** The review history of a story, oldest first. */
export async function listComments(db: DbHandle, storyId: number): Promise<StoryComment[]> {
  return commentsForStory(db, storyId);
}

function cleanText(text: unknown, max = 4000): string {
  if (text !== undefined && typeof text !== 'string') throw badRequest('A comment must be text.');
  const t = (text ?? '').trim();
  if (t.length > max) throw badRequest(`A comment may have at most ${max} characters.`);
  return t;
}

/** Any desk user who can see a story may comment on it. */
export async function commentOn(deps: FlowDeps, user: User, id: number, text: unknown): Promise<void> {
  await deskStory(deps.db, id);
  assertCan(user, 'story.view');
  const body = cleanText(text);
  if (!body) throw badRequest('Write a comment first.');
  await addComment(deps.db, id, user, 'comment', body, deps.clock());
}

/** Draft → in review. Authors submit their own drafts; editors may submit anyone's. */
export async function submitForReview(deps: FlowDeps, user: User, id: number, note: unknown): Promise<Story> {
  const story = await deskStory(deps.db, id);
  assertCan(user, 'story.submit', await policyStory(deps.db, story), 'You can submit only your own drafts for review.');
  if (story.status !== 'draft') throw conflict('Only a draft can be submitted for review.');
  const updated = await updateStory(deps, id, { status: 'review' }, actorOf(user));
  await clearApproval(deps.db, id);
  await addComment(deps.db, id, user, 'submitted', cleanText(note), deps.clock());
  return updated;
}

/** An editor approves a story in review (it stays in review, marked approved, until published). */
export async function approve(deps: FlowDeps, user: User, id: number, note: unknown): Promise<void> {
  const story = await deskStory(deps.db, id);
  assertCan(user, 'story.review');
  if (story.status !== 'review') throw conflict('Only a story in review can be approved.');
  const now = deps.clock();
  await setApproval(deps.db, id, user.id, now);
  await addComment(deps.db, id, user, 'approved', cleanText(note), now);
}

/** An editor sends a story in review back to its writer as a draft, with comments saying why. */
export async function returnForChanges(deps: FlowDeps, user: User, id: number, note: unknown): Promise<Story> {
  const story = await deskStory(deps.db, id);
  assertCan(user, 'story.review');
  if (story.status !== 'review') throw conflict('Only a story in review can be returned.');
  const body = cleanText(note);
  if (!body) throw badRequest('Say what needs to change, so the writer knows.');
  const updated = await updateStory(deps, id, { status: 'draft' }, actorOf(user));
  await clearApproval(deps.db, id);
  await addComment(deps.db, id, user, 'returned', body, deps.clock());
  return updated;
}

/** Publishes now: the newest revision goes live (for a live story, its pending edits). */
export async function publishNow(deps: FlowDeps, user: User, id: number): Promise<Story> {
  const story = await deskStory(deps.db, id);
  assertCan(user, 'story.publish', undefined, 'Only editors can publish. Submit the story for review instead.');
  const wc = await workingCopy(deps.db, story);
  const published = await publishStory(deps, id, actorOf(user), wc.snapshot);
  await cancelPending(deps.db, id);
  await addComment(deps.db, id, user, 'published', '', deps.clock());
  return published;
}

/**
 * Schedules for a time: a story not yet live is published then; for a live story the newest
 * revision becomes a scheduled update that goes live then, while the current version stays up.
 */
export async function scheduleAt(
  deps: FlowDeps,
  user: User,
  id: number,
  at: number,
): Promise<{ story: Story; pendingRevision: number | null }> {
  const story = await deskStory(deps.db, id);
  assertCan(user, 'story.publish', undefined, 'Only editors can schedule stories.');
  const now = deps.clock();
  assertScheduleTime(at, now);
  const wc = await workingCopy(deps.db, story);
  if (story.status === 'published') {
    if (wc.revision === 0) throw conflict('Save a change first; there is nothing new to schedule.');
    await cancelPending(deps.db, id);
    await insertPending(deps.db, {
      story_id: id,
      revision: wc.revision,
      go_live_at: at,
      created_by: user.id,
      created_at: now,
      applied_at: null,
      cancelled: 0,
    });
    await addComment(
      deps.db,
      id,
      user,
      'scheduled',
      `Update (revision ${wc.revision}) scheduled for ${isoTime(at)}`,
      now,
    );
    return { story, pendingRevision: wc.revision };
  }
  const scheduled = await scheduleStory(deps, id, at, actorOf(user), wc.snapshot);
  await addComment(deps.db, id, user, 'scheduled', `Scheduled for ${isoTime(at)}`, now);
  return { story: scheduled, pendingRevision: null };
}

/** Takes a live or scheduled story down (back to draft) and cancels any scheduled update. */
export async function unpublish(deps: FlowDeps, user: User, id: number): Promise<Story> {
  await deskStory(deps.db, id);
  assertCan(user, 'story.unpublish', undefined, 'Only editors can unpublish.');
  const story = await unpublishStory(deps, id, actorOf(user));
  await cancelPending(deps.db, id);
  await addComment(deps.db, id, user, 'unpublished', '', deps.clock());
  return story;
}

/** Appends a dated "Correction:" or "Update:" note to a published story. */
export async function addNote(deps: FlowDeps, user: User, id: number, kind: unknown, text: unknown): Promise<Story> {
  await deskStory(deps.db, id);
  assertCan(user, 'story.note', undefined, 'Only editors can add corrections and updates.');
  if (kind !== 'correction' && kind !== 'update') throw badRequest('A note is either a correction or an update.');
  if (typeof text !== 'string') throw badRequest('Write the text of the note.');
  return addStoryNote(deps, id, { kind, body: text, userId: user.id }, actorOf(user));
}
