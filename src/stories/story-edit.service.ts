import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import type { Story, StoryRevision, User, DbHandle } from '../db/database.js';
import { documentImageIds } from '../document/document.schema.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { isRepresentable } from '../lib/iso-date.js';
import { parseInput } from '../lib/parse-input.js';
import { slugify } from './slug.js';
import { latestRevision, latestRevisionNumber, insertRevision } from './story-revision.repo.js';
import { DeskStorySchema } from './story.input.js';
import { isReservedPageSlug } from '../pages/page.url.js';
import { changeStoryLanguage, createStory, uniqueSlug, updateStory } from './story.service.js';
import { storyAuthorIds, storyById, storyCredits, storyTagIds } from './story.repo.js';
import { clearApproval, insertComment, insertStoryDesk, storyDesk } from './story-desk.repo.js';
import { assertCan } from '../users/user.policy.js';
import type { PolicyStory } from '../users/user.policy.js';
import { ensureTags } from '../tags/tag.service.js';
import { checkStoryRefs, createGuestAuthor } from './story-refs.service.js';
import { seoImageIds, seoOfStory } from './story-seo.js';

type EditDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'config'>;

/** A revision's snapshot: every editable field, as StoryInput names them (a patch updateStory accepts). */
export type Snapshot = Omit<
  z.output<typeof DeskStorySchema>,
  'newTags' | 'guestAuthor' | 'slug' | 'language' | 'translationOf'
> & { slug: string };

/** The version of a story the desk edits: the newest revision (ahead of the live row for a published story). */
export interface WorkingCopy {
  snapshot: Snapshot;
  revision: number;
  by: string | null;
  at: number | null;
}

const actorOf = (user: User) => `user:${user.id}`;

/** What a writer below editor is told when they try to write a static page. */
const PAGES_REFUSED =
  'Only editors can write static pages (About, Privacy and the like). Write a story, or ask an editor to change the page.';

/** Parses desk input into one readable 400 listing every problem. */
export function parseDeskStory(input: unknown) {
  return parseInput(DeskStorySchema, input);
}

/** The snapshot of a story row as it is now. */
export async function snapshotOfStory(db: DbHandle, s: Story): Promise<Snapshot> {
  const [{ authorIds, translatorIds }, tagIds] = await Promise.all([storyCredits(db, s.id), storyTagIds(db, s.id)]);
  return {
    headline: s.headline,
    slug: s.slug,
    dek: s.dek,
    excerpt: s.excerpt,
    body: JSON.parse(s.body),
    heroImageId: s.hero_image_id,
    heroCaption: s.hero_caption,
    heroCredit: s.hero_credit,
    heroAlt: s.hero_alt,
    sectionId: s.section_id,
    kind: s.kind,
    ...seoOfStory(s),
    authorIds,
    translatorIds,
    tagIds,
  };
}

export async function workingCopy(db: DbHandle, s: Story): Promise<WorkingCopy> {
  const rev = await latestRevision(db, s.id);
  if (rev)
    return {
      // A revision saved before the search and social fields existed was made when they were the row's (empty).
      snapshot: { ...seoOfStory(s), ...(JSON.parse(rev.snapshot) as Partial<Snapshot>) } as Snapshot,
      revision: rev.revision,
      by: rev.user_name,
      at: rev.created_at,
    };
  return { snapshot: await snapshotOfStory(db, s), revision: 0, by: null, at: null };
}

/** What the policy needs to know about a story: status, creator, bylines. */
export async function policyStory(db: DbHandle, s: Story): Promise<PolicyStory> {
  const [desk, authorIds] = await Promise.all([storyDesk(db, s.id), storyAuthorIds(db, s.id)]);
  return { status: s.status, createdBy: desk?.created_by ?? null, authorIds };
}

/** Loads a story for the desk; 404 when it does not exist. */
export async function deskStory(db: DbHandle, id: number): Promise<Story> {
  const s = await storyById(db, id);
  if (!s) throw notFound('story');
  return s;
}

function formatTime(deps: EditDeps, ms: number): string {
  if (!isRepresentable(ms)) return String(ms);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: deps.config.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms);
}

/** The 409 a stale save gets: who saved the newer version and when, so the writer can reconcile. */
export function staleError(deps: EditDeps, current: StoryRevision | undefined): AppError {
  const by = current?.user_name || 'Someone';
  const at = current?.created_at ?? deps.clock();
  return new AppError(
    409,
    'stale_revision',
    `${by} saved a newer version at ${formatTime(deps, at)}. Your changes were not saved; copy them, reload, and apply them again.`,
    {
      current: { revision: current?.revision ?? 0, by, at },
    },
  );
}

/**
 * Resolves a save's references. Called only after the permission check; the ids the writer chose are checked
 * before anything is written, so a refused or invalid save leaves no new tag or guest byline behind.
 */
async function resolve(
  deps: EditDeps,
  actor: string,
  v: ReturnType<typeof parseDeskStory>,
  storyId: number | undefined,
  fallbackSlug: string | undefined,
) {
  await checkStoryRefs(deps.db, {
    sectionId: v.sectionId,
    tagIds: v.tagIds,
    // Translators are credited author profiles too.
    authorIds: [...v.authorIds, ...v.translatorIds],
    heroImageId: v.heroImageId,
    imageIds: [...documentImageIds(v.body), ...seoImageIds(v)],
  });
  const wanted = v.slug ?? fallbackSlug ?? slugify(v.headline);
  // A page lives at the top level (/about): it may not take a path the site's own routes answer.
  if (v.kind === 'page' && isReservedPageSlug(wanted))
    throw badRequest(`A page cannot be at /${wanted}: the site uses that address. Choose another slug.`);
  const slug = await uniqueSlug(deps.db, wanted, storyId);
  const tagIds = [...new Set([...v.tagIds, ...(await ensureTags(deps, v.newTags, actor))])];
  const guest = v.guestAuthor?.trim() ? [await createGuestAuthor(deps.db, v.guestAuthor, deps.clock())] : [];
  const authorIds = [...new Set([...v.authorIds, ...guest])];
  // The language and the group are the story's, not a revision's: they are not part of the snapshot.
  const { newTags: _n, guestAuthor: _g, language: _l, translationOf: _t, ...rest } = v;
  return { ...rest, slug, tagIds, authorIds } satisfies Snapshot;
}

/** Creates a draft in the desk: the creator owns it; their byline is used when none is chosen (not on a translation). Revision 1. */
export async function createDeskStory(
  deps: EditDeps,
  user: User,
  input: unknown,
): Promise<{ story: Story; revision: number }> {
  assertCan(user, 'story.create');
  const v = parseDeskStory(input);
  if (v.kind === 'page') assertCan(user, 'pages.manage', undefined, PAGES_REFUSED);
  // A translation credits its translator as such (translatorIds), not on the byline.
  if (v.authorIds.length === 0 && !v.guestAuthor?.trim() && user.author_id && v.translationOf === undefined)
    v.authorIds = [user.author_id];
  const snap = await resolve(deps, actorOf(user), v, undefined, undefined);
  const story = await createStory(
    deps,
    { ...snap, status: 'draft', language: v.language, translationOf: v.translationOf },
    actorOf(user),
  );
  await insertStoryDesk(deps.db, story.id, user.id);
  await insertRevision(deps.db, {
    story_id: story.id,
    revision: 1,
    user_id: user.id,
    user_name: user.name,
    kind: 'create',
    snapshot: JSON.stringify({ ...snap, slug: story.slug }),
    created_at: deps.clock(),
  });
  return { story, revision: 1 };
}

/**
 * Saves a story based on revision `baseRevision`. A save based on anything but the newest revision is
 * refused (409 stale_revision) — never a silent overwrite. The revision number is claimed in the same
 * transaction as the change; the unique (story, revision) index settles two saves racing each other.
 * A live story's saves are kept as revisions only: readers see them when an editor publishes them.
 */
export async function saveDeskStory(
  deps: EditDeps,
  user: User,
  id: number,
  baseRevision: number,
  input: unknown,
  kind: 'save' | 'restore' = 'save',
): Promise<{ story: Story; revision: number; savedAt: number; live: boolean }> {
  const story = await deskStory(deps.db, id);
  assertCan(
    user,
    'story.edit',
    await policyStory(deps.db, story),
    story.status === 'published' || story.status === 'scheduled'
      ? 'Only editors can change a story once it is published or scheduled.'
      : 'You can only edit your own stories.',
  );
  const current = await workingCopy(deps.db, story);
  const kindAsked =
    input && typeof input === 'object' && 'kind' in input ? (input as { kind: unknown }).kind : undefined;
  if (story.kind === 'page' || kindAsked === 'page') assertCan(user, 'pages.manage', undefined, PAGES_REFUSED);
  if (baseRevision !== current.revision) throw staleError(deps, await latestRevision(deps.db, id));
  // Fields a save leaves out keep their values (a partial save never clears bylines or tags by accident).
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('story: send the story’s fields as an object.');
  const v = parseDeskStory({ ...current.snapshot, ...input });
  if (v.translationOf !== undefined) throw badRequest('A story’s translation group is chosen when it is created.');
  const snap = await resolve(deps, actorOf(user), v, id, current.snapshot.slug);
  // A save that names another language moves the story (the editor's language field on a story it just made).
  if (v.language !== undefined && v.language !== story.language)
    await changeStoryLanguage(deps, id, v.language, actorOf(user));
  const revision = baseRevision + 1;
  const savedAt = deps.clock();
  // An approval is of the words it saw: any change after it withdraws it (in the save's transaction), so the
  // review queue shows the story as needing review again and its history says who changed it.
  const withdraw =
    (await storyDesk(deps.db, id))?.approved_at != null &&
    !isDeepStrictEqual(JSON.parse(JSON.stringify(snap)), current.snapshot);
  const claim = async (tx: DbHandle) => {
    if ((await latestRevisionNumber(tx, id)) !== baseRevision) throw staleError(deps, await latestRevision(tx, id));
    try {
      await insertRevision(tx, {
        story_id: id,
        revision,
        user_id: user.id,
        user_name: user.name,
        kind,
        snapshot: JSON.stringify(snap),
        created_at: savedAt,
      });
    } catch {
      throw staleError(deps, undefined);
    }
    if (withdraw) {
      await clearApproval(tx, id);
      await insertComment(tx, {
        story_id: id,
        user_id: user.id,
        user_name: user.name,
        kind: 'withdrawn',
        body: `Approval withdrawn: changed after approval by ${user.name}.`,
        created_at: savedAt,
      });
    }
  };
  try {
    if (story.status === 'published') {
      await deps.db.transaction().execute((tx) => claim(tx));
      return { story, revision, savedAt, live: false };
    }
    const updated = await updateStory(deps, id, snap, actorOf(user), { guard: (tx) => claim(tx) });
    return { story: updated, revision, savedAt, live: false };
  } catch (err) {
    // The racing save's message names the winner, read after our transaction rolled back.
    if (
      err instanceof AppError &&
      err.code === 'stale_revision' &&
      !(err.details as { current?: { revision: number } })?.current?.revision
    )
      throw staleError(deps, await latestRevision(deps.db, id));
    throw err;
  }
}
