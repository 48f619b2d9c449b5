import type { AppDeps } from '../app.deps.js';
import { listAuthors } from '../authors/author.repo.js';
import type { Author, Section, Story, StoryComment, StoryPending, Tag, User } from '../db/database.js';
import { listTags } from '../tags/tag.repo.js';
import type { PolicyStory } from '../users/user.policy.js';
import { type WorkingCopy, policyStory, workingCopy } from './story-edit.service.js';
import { commentsForStory, storyDesk } from './story-desk.repo.js';
import { type StoryNoteView, noteView } from './story-notes.js';
import { notesForStory } from './story-notes.repo.js';
import { heartbeat } from './story-presence.repo.js';
import { openPending } from './story-revision.repo.js';

/** Tags the editor's picker lists at most. */
const TAG_CHOICES = 2000;

/** What the editor offers to choose from: sections, bylines and tags. */
export interface EditorChoices {
  sections: Section[];
  authors: Author[];
  tags: Tag[];
}

/** What the editor shows of a story besides its choices. */
export interface EditorStoryData {
  wc: WorkingCopy;
  policy: PolicyStory;
  comments: StoryComment[];
  notes: StoryNoteView[];
  pending: StoryPending[];
  /** Who else has the story open now. */
  others: { userId: number; name: string; since: number }[];
  approved: boolean;
}

/** The editor's choices: sections from the lookups, bylines and tags from the database. */
export async function editorChoices(deps: Pick<AppDeps, 'db' | 'lookups'>): Promise<EditorChoices> {
  const [sections, authors, tags] = await Promise.all([
    deps.lookups.sections(),
    listAuthors(deps.db),
    listTags(deps.db, TAG_CHOICES),
  ]);
  return { sections, authors, tags };
}

/** A story as the editor shows it; records that `user` has it open (presence) at `now`. */
export async function editorStoryData(
  deps: Pick<AppDeps, 'db'>,
  user: User,
  story: Story,
  now: number,
): Promise<EditorStoryData> {
  const [wc, policy, comments, notes, pending, others, desk] = await Promise.all([
    workingCopy(deps.db, story),
    policyStory(deps.db, story),
    commentsForStory(deps.db, story.id),
    notesForStory(deps.db, story.id),
    openPending(deps.db, story.id),
    heartbeat(deps.db, story.id, user.id, now),
    storyDesk(deps.db, story.id),
  ]);
  return { wc, policy, comments, notes: notes.map(noteView), pending, others, approved: !!desk?.approved_at };
}
