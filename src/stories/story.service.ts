import type { Transaction } from 'kysely';
import type { Database, Story, DbHandle } from '../db/database.js';
import { type StoryDocument, documentText, embeddedStoryIds } from '../document/document.schema.js';
import { truncateText } from '../document/excerpt.js';
import { countWords, readingMinutes } from '../document/reading-time.js';
import { appendFeedEvent, storyFeedEventType } from '../live/event-log.repo.js';
import type { EventBus } from '../events/events.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import { SCHEDULE_HORIZON_MS, isAcceptedTime, isoTime } from '../lib/iso-date.js';
import { parseInput } from '../lib/parse-input.js';
import { slugify } from './slug.js';
import type { Edition } from '../editions/edition.js';
import { getSettings } from '../settings/settings.repo.js';
import { violatesUnique } from '../db/unique-violation.js';
import { setTranslationGroup, translationGroupMembers, translationSource } from './story-translation.repo.js';
import { type StoryInput, StoryInputSchema } from './story.input.js';
import { seoColumns, seoOfStory } from './story-seo.js';
import { claimPending, duePending, revisionByNumber } from './story-revision.repo.js';
import { insertNote } from './story-notes.repo.js';
import {
  claimScheduled,
  dueScheduledIds,
  forgetOldSlug,
  insertStoryRow,
  recordOldSlug,
  setStoryLinks,
  storyById,
  storySlugsLike,
  updateStoryRow,
} from './story.repo.js';

/** What the story service needs, passed in from the composition root. */
export interface StoryDeps {
  db: DbHandle;
  events: EventBus;
  clock: () => number;
}

/** Word count, reading time and default excerpt, derived from the body at every write. */
export function deriveFromBody(body: StoryDocument): { wordCount: number; readingMinutes: number; excerpt: string } {
  const paragraphs = documentText(body);
  const wordCount = countWords(paragraphs.join(' '));
  const firstParagraph = body.blocks.find((b) => b.type === 'paragraph');
  const lead = firstParagraph
    ? documentText({ version: 1, blocks: [firstParagraph] }).join(' ')
    : (paragraphs[0] ?? '');
  return { wordCount, readingMinutes: readingMinutes(wordCount), excerpt: truncateText(lead, 280) };
}

/** Finds a free slug: the wanted one, or the wanted one with -2, -3, … appended. */
export async function uniqueSlug(db: DbHandle, wanted: string, exceptId?: number): Promise<string> {
  const taken = await storySlugsLike(db, wanted);
  const used = new Set(taken.filter((r) => r.id !== exceptId).map((r) => r.slug));
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

const parseStory = (input: unknown) => parseInput(StoryInputSchema, input);

/**
 * The language a new story is written in (one of the newsroom's editions; the primary one when not given) and the
 * translation group it joins when it translates another story. A group holds one story per language: a second
 * translation into the same language is refused, naming the one that exists.
 */
async function storyEdition(
  tx: DbHandle,
  wanted: string | undefined,
  translationOf: number | undefined,
): Promise<{ language: string; group: number | null }> {
  const language = await editionLanguage(tx, wanted);
  if (translationOf === undefined) return { language, group: null };
  const source = await translationSource(tx, translationOf);
  if (!source) throw notFound('story to translate');
  if (source.language === language) throw badRequest(`“${source.headline}” is already in that language.`);
  const group = source.translation_group ?? source.id;
  const existing = (await translationGroupMembers(tx, group)).find((m) => m.language === language);
  if (existing)
    throw conflict(`“${source.headline}” already has a translation in that language: “${existing.headline}”.`);
  if (source.translation_group === null) await setTranslationGroup(tx, source.id, group);
  return { language, group };
}

/**
 * Runs a transaction that puts a story into a language of a translation group. The check before the write
 * (storyEdition, changeStoryLanguage) names the story that has the language; two writes racing past it meet the
 * unique (translation_group, language) index, and the loser gets the same 409 instead of a database error.
 */
async function guardOneLanguagePerGroup<T>(run: (tx: DbHandle) => Promise<T>, db: StoryDeps['db']): Promise<T> {
  try {
    return await db.transaction().execute(run);
  } catch (err) {
    if (violatesUnique(err, 'stories', 'stories_translation_language', ['translation_group', 'language']))
      throw conflict(
        'A translation into that language was made a moment ago: a story has one translation per language. Reload to see it.',
      );
    throw err;
  }
}

/** One of the newsroom's editions' languages (the primary one's when not given); any other is a 400 naming them. */
async function editionLanguage(tx: DbHandle, wanted: string | undefined): Promise<string> {
  const { editions } = await getSettings(tx);
  const language = wanted ?? (editions[0] as Edition).code;
  if (!editions.some((e) => e.code === language))
    throw badRequest(
      `This newsroom has no edition in “${language}”. Its editions: ${editions.map((e) => `${e.name} (${e.code})`).join(', ')}.`,
    );
  return language;
}

/**
 * Moves a story into another edition's language. Allowed while its translation group has no other story in that
 * language (a group holds one per language); otherwise a 409 naming the one that has it. A live story's page
 * moves to the new edition's address at once (the old one answers with a redirect).
 */
export async function changeStoryLanguage(deps: StoryDeps, id: number, wanted: string, actor: string): Promise<Story> {
  const moved = await guardOneLanguagePerGroup(async (tx) => {
    const story = await storyById(tx, id);
    if (!story) throw notFound('story');
    const language = await editionLanguage(tx, wanted);
    if (language === story.language) return { story, changed: false };
    if (story.translation_group !== null) {
      const taken = (await translationGroupMembers(tx, story.translation_group)).find(
        (m) => m.id !== id && m.language === language,
      );
      if (taken)
        throw conflict(
          `This story’s translations already include one in that language: “${taken.headline}”. A story has one ` +
            `translation per language; change that one, or choose another language.`,
        );
    }
    const row = await updateStoryRow(tx, id, { language, updated_at: deps.clock() });
    if (!row) throw notFound('story');
    return { story: row, changed: true };
  }, deps.db);
  if (moved.changed && moved.story.status === 'published')
    deps.events.publish({ type: 'story.updated', id, actor, slug: moved.story.slug });
  return moved.story;
}

/** Creates a story with its bylines, tags and embed links in one transaction; emits story.published when it goes live. */
export async function createStory(deps: StoryDeps, input: StoryInput, actor: string): Promise<Story> {
  const v = parseStory(input);
  const now = deps.clock();
  const derived = deriveFromBody(v.body);
  const publishedAt = v.status === 'published' ? (v.publishedAt ?? now) : (v.publishedAt ?? null);
  const story = await guardOneLanguagePerGroup(async (tx) => {
    const { language, group } = await storyEdition(tx, v.language, v.translationOf);
    const slug = await uniqueSlug(tx, v.slug ?? slugify(v.headline));
    const row = await insertStoryRow(tx, {
      slug,
      language,
      translation_group: group,
      headline: v.headline,
      dek: v.dek,
      excerpt: v.excerpt || derived.excerpt,
      body: JSON.stringify(v.body),
      hero_image_id: v.heroImageId,
      hero_caption: v.heroCaption,
      hero_credit: v.heroCredit,
      hero_alt: v.heroAlt,
      section_id: v.sectionId,
      status: v.status,
      kind: v.kind,
      word_count: derived.wordCount,
      reading_minutes: derived.readingMinutes,
      published_at: publishedAt,
      updated_at: v.updatedAt ?? now,
      created_at: now,
      ...seoColumns(v),
    });
    await setStoryLinks(tx, row.id, {
      authorIds: v.authorIds,
      translatorIds: v.translatorIds,
      tagIds: v.tagIds,
      embeddedIds: embeddedStoryIds(v.body),
    });
    // A page is never news: the live stream does not carry it to the News Feed.
    if (row.status === 'published' && row.kind !== 'page')
      await appendFeedEvent(tx, { type: 'story.published', storyId: row.id, at: now });
    return row;
  }, deps.db);
  if (story.status === 'published')
    deps.events.publish({ type: 'story.published', id: story.id, actor, slug: story.slug });
  return story;
}

/** Options of updateStory. */
export interface UpdateOptions {
  /**
   * Runs first inside the update's transaction; throwing rolls the whole update back. The desk uses it
   * to claim a revision number (optimistic concurrency) and the scheduler to claim a due row, so the
   * claim and the change commit together or not at all.
   */
  guard?: (tx: Transaction<Database>) => Promise<void>;
}

/**
 * Changes a story. Fields left out keep their values. A changed slug keeps the old one as a redirect.
 * Emits story.published / story.updated / story.unpublished according to how the status moved.
 */
export async function updateStory(
  deps: StoryDeps,
  id: number,
  patch: Partial<StoryInput>,
  actor: string,
  opts: UpdateOptions = {},
): Promise<Story> {
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  const merged = parseStory({
    headline: current.headline,
    slug: current.slug,
    dek: current.dek,
    excerpt: current.excerpt,
    body: JSON.parse(current.body),
    heroImageId: current.hero_image_id,
    heroCaption: current.hero_caption,
    heroCredit: current.hero_credit,
    heroAlt: current.hero_alt,
    sectionId: current.section_id,
    status: current.status,
    kind: current.kind,
    ...seoOfStory(current),
    // A stored time outside the accepted range (written by hand, or before it was checked) is not carried into
    // the next save, so saving, publishing or unpublishing puts it right instead of failing on it.
    publishedAt: current.published_at !== null && isAcceptedTime(current.published_at) ? current.published_at : null,
    ...patch,
  });
  const now = deps.clock();
  const derived = deriveFromBody(merged.body);
  const bodyChanged = patch.body !== undefined;
  const publishedAt = merged.status === 'published' ? (merged.publishedAt ?? now) : (merged.publishedAt ?? null);
  const updated = await deps.db.transaction().execute(async (tx) => {
    await opts.guard?.(tx);
    let slug = merged.slug ?? current.slug;
    if (slug !== current.slug) {
      slug = await uniqueSlug(tx, slug, id);
      await recordOldSlug(tx, id, current.slug);
      await forgetOldSlug(tx, slug);
    }
    const row = await updateStoryRow(tx, id, {
      slug,
      headline: merged.headline,
      dek: merged.dek,
      excerpt: patch.excerpt !== undefined || !bodyChanged ? merged.excerpt || derived.excerpt : derived.excerpt,
      body: JSON.stringify(merged.body),
      hero_image_id: merged.heroImageId,
      hero_caption: merged.heroCaption,
      hero_credit: merged.heroCredit,
      hero_alt: merged.heroAlt,
      section_id: merged.sectionId,
      status: merged.status,
      kind: merged.kind,
      word_count: derived.wordCount,
      reading_minutes: derived.readingMinutes,
      published_at: publishedAt,
      updated_at: merged.updatedAt ?? now,
      ...seoColumns(merged),
    });
    if (!row) throw new AppError(409, 'gone', 'The story was deleted while you were editing it.');
    await setStoryLinks(tx, id, {
      authorIds: patch.authorIds ? merged.authorIds : undefined,
      translatorIds: patch.translatorIds ? merged.translatorIds : undefined,
      tagIds: patch.tagIds ? merged.tagIds : undefined,
      embeddedIds: embeddedStoryIds(merged.body),
    });
    const feedType = storyFeedEventType(
      current.status === 'published' && current.kind !== 'page',
      row.status === 'published' && row.kind !== 'page',
    );
    if (feedType) await appendFeedEvent(tx, { type: feedType, storyId: id, at: now });
    return row;
  });
  const was = current.status === 'published';
  const is = updated.status === 'published';
  const type = is ? (was ? 'story.updated' : 'story.published') : was ? 'story.unpublished' : null;
  if (type) deps.events.publish({ type, id, actor, slug: updated.slug });
  return updated;
}

/** Thrown by a guard when another process or request claimed the work first; the update is rolled back. */
export class LostClaim extends Error {}

/**
 * Publishes a story now, applying `patch` (the desk's latest revision) at the same time. A story that
 * is not live yet gets now as its publish time, so it goes to the top of the News Feed.
 */
export async function publishStory(
  deps: StoryDeps,
  id: number,
  actor: string,
  patch: Partial<StoryInput> = {},
  opts: UpdateOptions = {},
): Promise<Story> {
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  const publishedAt = current.status === 'published' ? current.published_at : deps.clock();
  return updateStory(deps, id, { ...patch, status: 'published', publishedAt }, actor, opts);
}

/** Schedules a story that is not live yet to be published by the server at `at` (epoch ms, in the future). */
export async function scheduleStory(
  deps: StoryDeps,
  id: number,
  at: number,
  actor: string,
  patch: Partial<StoryInput> = {},
): Promise<Story> {
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  if (current.status === 'published') throw conflict('This story is already live; schedule an update to it instead.');
  assertScheduleTime(at, deps.clock());
  return updateStory(deps, id, { ...patch, status: 'scheduled', publishedAt: at }, actor);
}

/**
 * A schedule must be in the future and within ten years; checked before anything is written, because a time
 * years away is a slip and one past what a page can show once broke the desk for everyone.
 */
export function assertScheduleTime(at: number, now: number): void {
  if (!Number.isSafeInteger(at) || at <= now)
    throw badRequest('Choose a time in the future to schedule for, or publish now.');
  const latest = now + SCHEDULE_HORIZON_MS;
  if (at > latest)
    throw badRequest(`Choose a time within the next ten years (before ${isoTime(latest).slice(0, 10)}).`);
}

/** Takes a story off the site (back to draft); its page answers 404 and it leaves every listing. */
export async function unpublishStory(deps: StoryDeps, id: number, actor: string): Promise<Story> {
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  if (current.status !== 'published' && current.status !== 'scheduled')
    throw conflict('This story is not published or scheduled.');
  return updateStory(deps, id, { status: 'draft' }, actor);
}

/**
 * Appends a dated correction or update note that readers see on the story; the story's updated time
 * changes and story.updated is emitted, so caches and the live feed follow.
 */
export async function addStoryNote(
  deps: StoryDeps,
  id: number,
  note: { kind: 'correction' | 'update'; body: string; userId: number | null },
  actor: string,
): Promise<Story> {
  const body = note.body.trim();
  if (!body) throw badRequest('Write the text of the note.');
  if (body.length > 2000) throw badRequest('A note may have at most 2,000 characters.');
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  if (current.status !== 'published') throw conflict('Corrections and updates are for published stories.');
  return updateStory(deps, id, {}, actor, {
    guard: async (tx) => {
      await insertNote(tx, { story_id: id, kind: note.kind, body, user_id: note.userId, created_at: deps.clock() });
    },
  });
}

/**
 * Publishes every scheduled story whose time has come and applies every due scheduled update.
 * Each row is claimed with a conditional UPDATE inside the publishing transaction, so with several
 * processes running this at once each story goes live exactly once (and one story.published event).
 * The job runner runs it as the recurring `stories.publish-due` job (src/stories/story.jobs.ts).
 */
export async function runDuePublications(deps: StoryDeps): Promise<{ published: number[]; updated: number[] }> {
  const now = deps.clock();
  const published: number[] = [];
  const updated: number[] = [];
  for (const id of await dueScheduledIds(deps.db, now)) {
    try {
      await updateStory(deps, id, { status: 'published' }, 'scheduler', {
        guard: async (tx) => {
          if (!(await claimScheduled(tx, id, now))) throw new LostClaim();
        },
      });
      published.push(id);
    } catch (err) {
      if (!(err instanceof LostClaim)) throw err;
    }
  }
  for (const pending of await duePending(deps.db, now)) {
    const rev = await revisionByNumber(deps.db, pending.story_id, pending.revision);
    const story = await storyById(deps.db, pending.story_id);
    const guard = async (tx: Transaction<Database>) => {
      if (!(await claimPending(tx, pending.id, now))) throw new LostClaim();
    };
    try {
      if (!rev || !story || story.status !== 'published') {
        // Nothing to apply any more (story taken down or revision gone): mark it done so it is not retried.
        await claimPending(deps.db, pending.id, now);
        continue;
      }
      await updateStory(deps, pending.story_id, JSON.parse(rev.snapshot) as Partial<StoryInput>, 'scheduler', {
        guard,
      });
      updated.push(pending.story_id);
    } catch (err) {
      if (!(err instanceof LostClaim)) throw err;
    }
  }
  return { published, updated };
}
