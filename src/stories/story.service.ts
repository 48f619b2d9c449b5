import type { Kysely } from 'kysely';
import type { Database, Story } from '../db/database.js';
import { type StoryDocument, documentText, embeddedStoryIds } from '../document/document.schema.js';
import { truncateText } from '../document/excerpt.js';
import { countWords, readingMinutes } from '../document/reading-time.js';
import { appendFeedEvent, storyFeedEventType } from '../live/feed-log.repo.js';
import type { EventBus } from '../events/events.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { slugify } from './slug.js';
import { type StoryInput, StoryInputSchema } from './story.input.js';
import { insertStoryRow, recordOldSlug, setStoryLinks, storyById, updateStoryRow } from './story.repo.js';

/** What the story service needs, passed in from the composition root. */
export interface StoryDeps {
  db: Kysely<Database>;
  events: EventBus;
  clock: () => number;
}

/** Word count, reading time and default excerpt, derived from the body at every write. */
export function deriveFromBody(body: StoryDocument): { wordCount: number; readingMinutes: number; excerpt: string } {
  const paragraphs = documentText(body);
  const wordCount = countWords(paragraphs.join(' '));
  const firstParagraph = body.blocks.find((b) => b.type === 'paragraph');
  const lead = firstParagraph ? documentText({ version: 1, blocks: [firstParagraph] }).join(' ') : (paragraphs[0] ?? '');
  return { wordCount, readingMinutes: readingMinutes(wordCount), excerpt: truncateText(lead, 280) };
}

/** Finds a free slug: the wanted one, or the wanted one with -2, -3, … appended. */
export async function uniqueSlug(db: Kysely<Database>, wanted: string, exceptId?: number): Promise<string> {
  const taken = await db
    .selectFrom('stories')
    .select(['slug', 'id'])
    .where((eb) => eb.or([eb('slug', '=', wanted), eb('slug', 'like', `${wanted}-%`)]))
    .execute();
  const used = new Set(taken.filter((r) => r.id !== exceptId).map((r) => r.slug));
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

function parseInput(input: unknown) {
  const parsed = StoryInputSchema.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'story'}: ${i.message}`).join('; '), parsed.error.issues);
  return parsed.data;
}

/** Creates a story with its bylines, tags and embed links in one transaction; emits story.published when it goes live. */
export async function createStory(deps: StoryDeps, input: StoryInput, actor: string): Promise<Story> {
  const v = parseInput(input);
  const now = deps.clock();
  const derived = deriveFromBody(v.body);
  const publishedAt = v.status === 'published' ? (v.publishedAt ?? now) : (v.publishedAt ?? null);
  const story = await deps.db.transaction().execute(async (tx) => {
    const slug = await uniqueSlug(tx as unknown as Kysely<Database>, v.slug ?? slugify(v.headline));
    const row = await insertStoryRow(tx, {
      slug,
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
    });
    await setStoryLinks(tx, row.id, { authorIds: v.authorIds, tagIds: v.tagIds, embeddedIds: embeddedStoryIds(v.body) });
    if (row.status === 'published') await appendFeedEvent(tx, { type: 'story.published', storyId: row.id, at: now });
    return row;
  });
  if (story.status === 'published') deps.events.publish({ type: 'story.published', id: story.id, actor, slug: story.slug });
  return story;
}

/**
 * Changes a story. Fields left out keep their values. A changed slug keeps the old one as a redirect.
 * Emits story.published / story.updated / story.unpublished according to how the status moved.
 */
export async function updateStory(deps: StoryDeps, id: number, patch: Partial<StoryInput>, actor: string): Promise<Story> {
  const current = await storyById(deps.db, id);
  if (!current) throw notFound('story');
  const merged = parseInput({
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
    publishedAt: current.published_at,
    ...patch,
  });
  const now = deps.clock();
  const derived = deriveFromBody(merged.body);
  const bodyChanged = patch.body !== undefined;
  const publishedAt = merged.status === 'published' ? (merged.publishedAt ?? now) : (merged.publishedAt ?? null);
  const updated = await deps.db.transaction().execute(async (tx) => {
    let slug = merged.slug ?? current.slug;
    if (slug !== current.slug) {
      slug = await uniqueSlug(tx as unknown as Kysely<Database>, slug, id);
      await recordOldSlug(tx, id, current.slug);
      await tx.deleteFrom('story_slugs').where('slug', '=', slug).execute();
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
    });
    if (!row) throw new AppError(409, 'gone', 'The story was deleted while you were editing it.');
    await setStoryLinks(tx, id, {
      authorIds: patch.authorIds ? merged.authorIds : undefined,
      tagIds: patch.tagIds ? merged.tagIds : undefined,
      embeddedIds: embeddedStoryIds(merged.body),
    });
    const feedType = storyFeedEventType(current.status === 'published', row.status === 'published');
    if (feedType) await appendFeedEvent(tx, { type: feedType, storyId: id, at: now });
    return row;
  });
  const was = current.status === 'published';
  const is = updated.status === 'published';
  const type = is ? (was ? 'story.updated' : 'story.published') : was ? 'story.unpublished' : null;
  if (type) deps.events.publish({ type, id, actor, slug: updated.slug });
  return updated;
}
