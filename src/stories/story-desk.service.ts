import type { AppDeps } from '../app.deps.js';
import type { DbHandle, Story, User } from '../db/database.js';
import { type WorkingCopy, deskStory, workingCopy } from './story-edit.service.js';
import { heartbeat } from './story-presence.repo.js';
import { type TranslationMember, translationGroupMembers } from './story-translation.repo.js';

/** A story as the desk opens it: the row, its working copy, and the other members of its translation group. */
export async function deskStoryDetail(
  db: DbHandle,
  id: number,
): Promise<{ story: Story; copy: WorkingCopy; translations: TranslationMember[] }> {
  const story = await deskStory(db, id);
  const [copy, members] = await Promise.all([
    workingCopy(db, story),
    story.translation_group === null ? [] : translationGroupMembers(db, story.translation_group),
  ]);
  return { story, copy, translations: members.filter((m) => m.id !== story.id) };
}

/** Records that the user has the story open now (404 when there is none); answers who else has it open. */
export async function storyPresence(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  id: number,
  user: Pick<User, 'id'>,
): Promise<{ userId: number; name: string; since: number }[]> {
  const story = await deskStory(deps.db, id);
  return heartbeat(deps.db, story.id, user.id, deps.clock());
}
