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
import type { Edition } from '../editions/edition.js';
import { documentText } from '../document/document.schema.js';
import { storyById } from './story.repo.js';
import { type TranslationMember, translationGroupMembers } from './story-translation.repo.js';

/** Tags the editor's picker lists at most. */
const TAG_CHOICES = 2000;

/** What the editor offers to choose from: sections, bylines and tags, and the editions' languages. */
export interface EditorChoices {
  sections: Section[];
  authors: Author[];
  tags: Tag[];
  /** The newsroom's editions, primary first. */
  editions: Edition[];
}

/** The story a translation was made from, as the panel beside the translation shows it (read only). */
export interface TranslationSourceView {
  id: number;
  language: string;
  headline: string;
  dek: string;
  /** The body's text, one string per block. */
  paragraphs: string[];
}

/** A story's place among its translations. */
export interface EditorTranslations {
  language: string;
  /** The other stories of its group, by language (none when it has no translation). */
  members: TranslationMember[];
  /** The story it translates (the one its group started from), when it is a translation. */
  source: TranslationSourceView | null;
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
  translations: EditorTranslations;
}

/** The editor's choices: sections from the lookups, bylines and tags from the database. */
export async function editorChoices(deps: Pick<AppDeps, 'db' | 'lookups'>): Promise<EditorChoices> {
  const [sections, authors, tags, settings] = await Promise.all([
    deps.lookups.sections(),
    listAuthors(deps.db),
    listTags(deps.db, TAG_CHOICES),
    deps.lookups.settings(),
  ]);
  return { sections, authors, tags, editions: settings.editions };
}

/** A story as the editor shows it; records that `user` has it open (presence) at `now`. */
export async function editorStoryData(
  deps: Pick<AppDeps, 'db'>,
  user: User,
  story: Story,
  now: number,
): Promise<EditorStoryData> {
  const [wc, policy, comments, notes, pending, others, desk, translations] = await Promise.all([
    workingCopy(deps.db, story),
    policyStory(deps.db, story),
    commentsForStory(deps.db, story.id),
    notesForStory(deps.db, story.id),
    openPending(deps.db, story.id),
    heartbeat(deps.db, story.id, user.id, now),
    storyDesk(deps.db, story.id),
    translationsOf(deps, story),
  ]);
  return {
    wc,
    policy,
    comments,
    notes: notes.map(noteView),
    pending,
    others,
    approved: !!desk?.approved_at,
    translations,
  };
}

/**
 * A story's translations, and the source it translates: the story its group started from, in its newest words
 * (what its editors see, and what the translation was copied from).
 */
async function translationsOf(deps: Pick<AppDeps, 'db'>, story: Story): Promise<EditorTranslations> {
  const group = story.translation_group;
  if (group === null) return { language: story.language, members: [], source: null };
  const [members, origin] = await Promise.all([
    translationGroupMembers(deps.db, group),
    group === story.id ? undefined : storyById(deps.db, group),
  ]);
  let source: TranslationSourceView | null = null;
  if (origin) {
    const { snapshot } = await workingCopy(deps.db, origin);
    source = {
      id: origin.id,
      language: origin.language,
      headline: snapshot.headline,
      dek: snapshot.dek,
      paragraphs: documentText(snapshot.body),
    };
  }
  return { language: story.language, members: members.filter((m) => m.id !== story.id), source };
}
