import type { Author, NewStory, Story, StoryCreditRole, StoryUpdate, TagLink, DbHandle } from '../db/database.js';
import { ownOrBase } from '../db/translated.js';
import type { CursorOf } from '../lib/cursor.js';
import type { publishedCursor } from './story.cursor.js';

/** The columns every story listing (feed, section, tag, author pages) needs for its cards. */
export const CARD_COLUMNS = [
  'stories.id',
  'stories.slug',
  'stories.headline',
  'stories.excerpt',
  'stories.kind',
  'stories.published_at',
  'stories.updated_at',
  'stories.section_id',
  'stories.hero_image_id',
  'stories.hero_alt',
  'stories.coverage_ended_at',
  'stories.language',
] as const;

export type CardRow = Pick<
  Story,
  | 'id'
  | 'slug'
  | 'headline'
  | 'excerpt'
  | 'kind'
  | 'updated_at'
  | 'section_id'
  | 'hero_image_id'
  | 'hero_alt'
  | 'coverage_ended_at'
> & {
  published_at: number;
  language: string;
};

export interface ListFilter {
  /** One edition's stories (its language code); every language when absent (the content API, feeds of all). */
  language?: string;
  sectionIds?: readonly number[];
  tagId?: number;
  authorId?: number;
  /** Only stories older than this position. */
  before?: CursorOf<typeof publishedCursor> | null;
  /** Only stories published at or after this time (epoch ms). */
  since?: number;
  /** Only stories published before this time (epoch ms). */
  until?: number;
  /** Only stories search engines may index (not noindex): the Google News sitemap. */
  indexable?: boolean;
  limit: number;
}

/**
 * The one keyset-paged listing of published stories (pages left out), newest first. Every listing page uses it;
 * the cost of page 5,000 is the cost of page 1 because it seeks on (published_at, id) instead of OFFSET.
 */
export async function listPublished(db: DbHandle, f: ListFilter): Promise<CardRow[]> {
  // Pages (kind 'page': an imported About page) are never news: no listing, feed or sitemap shows them.
  let q = db
    .selectFrom('stories')
    .select(CARD_COLUMNS)
    .where('stories.status', '=', 'published')
    .where('stories.kind', '<>', 'page');
  // (language, status, published_at, id) and (section_id, language, …) indexes: an edition's listing is one seek too.
  if (f.language !== undefined) q = q.where('stories.language', '=', f.language);
  if (f.sectionIds) q = q.where('stories.section_id', 'in', f.sectionIds.length ? [...f.sectionIds] : [-1]);
  if (f.tagId !== undefined) {
    const tagId = f.tagId;
    // EXISTS, not IN (subquery): SQLite would first collect every story id of the tag (4 ms at 100k); this
    // checks each row while walking the feed index and stops at `limit`. PostgreSQL plans both as a semi-join.
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('story_tags')
          .select('story_tags.story_id')
          .whereRef('story_tags.story_id', '=', 'stories.id')
          .where('story_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (f.authorId !== undefined) {
    const authorId = f.authorId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('story_authors')
          .select('story_authors.story_id')
          .whereRef('story_authors.story_id', '=', 'stories.id')
          .where('story_authors.author_id', '=', authorId),
      ),
    );
  }
  if (f.since !== undefined) q = q.where('stories.published_at', '>=', f.since);
  if (f.until !== undefined) q = q.where('stories.published_at', '<', f.until);
  if (f.indexable) q = q.where('stories.noindex', '=', 0);
  if (f.before) {
    const { publishedAt, id } = f.before;
    // A row-value comparison, not `a < x OR (a = x AND b < y)`: both engines turn it into one range seek on
    // the (status, published_at, id) index, where the OR form made SQLite walk the index from the top (25 ms at 100k).
    q = q.where((eb) => eb(eb.refTuple('stories.published_at', 'stories.id'), '<', eb.tuple(publishedAt, id)));
  }
  const rows = await q.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(f.limit).execute();
  return rows as CardRow[];
}

/** Card rows for specific stories (related-story embeds), published ones only, keyed by id. */
export async function cardsByIds(db: DbHandle, ids: readonly number[]): Promise<Map<number, CardRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select(CARD_COLUMNS)
    .where('id', 'in', [...ids])
    .where('status', '=', 'published')
    .execute();
  return new Map(rows.map((r) => [r.id, r as CardRow]));
}

export async function storyBySlug(db: DbHandle, slug: string): Promise<Story | undefined> {
  return db.selectFrom('stories').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function storyById(db: DbHandle, id: number): Promise<Story | undefined> {
  return db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The story an old slug now belongs to, if any. */
export async function storyIdForOldSlug(db: DbHandle, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('story_slugs').select('story_id').where('slug', '=', slug).executeTakeFirst();
  return row?.story_id;
}

/**
 * Ordered bylines of several stories in one query. With a language, each author's role title and bios are in it
 * where written (author_translations), the base row's otherwise. Without one they are the base row's, with no join
 * to make: the feeds and the API's lists name their bylines, and names are not translated.
 */
export async function authorsForStories(
  db: DbHandle,
  storyIds: readonly number[],
  language?: string,
): Promise<Map<number, Author[]>> {
  const out = new Map<number, Author[]>();
  if (storyIds.length === 0) return out;
  const bylines = db
    .selectFrom('story_authors')
    .innerJoin('authors', 'authors.id', 'story_authors.author_id')
    .where('story_authors.story_id', 'in', [...storyIds])
    .orderBy('story_authors.story_id')
    .orderBy('story_authors.position');
  const rows: (Author & { story_id: number })[] =
    language === undefined
      ? await bylines.selectAll('authors').select('story_authors.story_id as story_id').execute()
      : await bylines
          .leftJoin('author_translations as at', (j) =>
            j.onRef('at.author_id', '=', 'authors.id').on('at.language', '=', language),
          )
          .select([
            'authors.id',
            'authors.slug',
            'authors.name',
            'authors.avatar_image_id',
            'authors.links',
            'authors.user_id',
            'authors.created_at',
            'authors.updated_at',
            'story_authors.story_id as story_id',
            ownOrBase('at.role_title', 'authors.role_title').as('role_title'),
            ownOrBase('at.bio', 'authors.bio').as('bio'),
            ownOrBase('at.short_bio', 'authors.short_bio').as('short_bio'),
          ])
          .execute();
  for (const { story_id, ...author } of rows) {
    const list = out.get(story_id) ?? [];
    list.push(author);
    out.set(story_id, list);
  }
  return out;
}

/** A story's tags by name, in a language where written (tag_translations), the base row's otherwise. */
export async function tagsForStory(db: DbHandle, storyId: number, language = ''): Promise<TagLink[]> {
  const rows = await db
    .selectFrom('story_tags')
    .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .leftJoin('tag_translations as tt', (j) => j.onRef('tt.tag_id', '=', 'tags.id').on('tt.language', '=', language))
    .select(['tags.id', 'tags.slug', ownOrBase('tt.name', 'tags.name').as('name')])
    .where('story_tags.story_id', '=', storyId)
    .orderBy('name')
    .execute();
  return rows;
}

/** Inserts a story row and returns it. */
export async function insertStoryRow(db: DbHandle, row: NewStory): Promise<Story> {
  return db.insertInto('stories').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateStoryRow(db: DbHandle, id: number, patch: StoryUpdate): Promise<Story | undefined> {
  return db.updateTable('stories').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Replaces a story's bylines, tags and embed links with the given lists. */
export async function setStoryLinks(
  db: DbHandle,
  storyId: number,
  links: {
    authorIds?: readonly number[];
    /** A translation's translators (kept as they are when left out). */
    translatorIds?: readonly number[];
    tagIds?: readonly number[];
    embeddedIds?: readonly number[];
  },
): Promise<void> {
  const credit = async (role: 'author' | 'translator', ids: readonly number[], skip: ReadonlySet<number>) => {
    const unique = [...new Set(ids)].filter((id) => !skip.has(id));
    // This role's old credits go, and so does another credit of someone now given this one (one per person).
    await db
      .deleteFrom('story_authors')
      .where('story_id', '=', storyId)
      .where((eb) =>
        unique.length ? eb.or([eb('role', '=', role), eb('author_id', 'in', unique)]) : eb('role', '=', role),
      )
      .execute();
    if (unique.length)
      await db
        .insertInto('story_authors')
        .values(unique.map((author_id, position) => ({ story_id: storyId, author_id, position, role })))
        .execute();
  };
  // One credit per person and story: someone on the byline is not listed again as its translator.
  if (links.authorIds) await credit('author', links.authorIds, new Set());
  if (links.translatorIds) await credit('translator', links.translatorIds, new Set(links.authorIds ?? []));
  if (links.tagIds) {
    await db.deleteFrom('story_tags').where('story_id', '=', storyId).execute();
    if (links.tagIds.length)
      await db
        .insertInto('story_tags')
        .values([...new Set(links.tagIds)].map((tag_id) => ({ story_id: storyId, tag_id })))
        .execute();
  }
  if (links.embeddedIds) {
    await db.deleteFrom('story_embeds').where('story_id', '=', storyId).execute();
    if (links.embeddedIds.length)
      await db
        .insertInto('story_embeds')
        .values([...new Set(links.embeddedIds)].map((embedded_story_id) => ({ story_id: storyId, embedded_story_id })))
        .execute();
  }
}

/** Remembers an old slug so its URL answers with a 301 to the story. */
export async function recordOldSlug(db: DbHandle, storyId: number, slug: string): Promise<void> {
  await db.deleteFrom('story_slugs').where('slug', '=', slug).execute();
  await db.insertInto('story_slugs').values({ slug, story_id: storyId }).execute();
}

/** Lets a slug go that used to redirect (a story takes it as its current slug). */
export async function forgetOldSlug(db: DbHandle, slug: string): Promise<void> {
  await db.deleteFrom('story_slugs').where('slug', '=', slug).execute();
}

/** The stories whose slug is `wanted` or `wanted-…` (to find a free one). */
export async function storySlugsLike(db: DbHandle, wanted: string): Promise<{ slug: string; id: number }[]> {
  return db
    .selectFrom('stories')
    .select(['slug', 'id'])
    .where((eb) => eb.or([eb('slug', '=', wanted), eb('slug', 'like', `${wanted}-%`)]))
    .execute();
}

/** The ids of everyone a story credits (bylines and translators), in credit order. */
export async function storyAuthorIds(db: DbHandle, storyId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('story_authors')
    .select('author_id')
    .where('story_id', '=', storyId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.author_id);
}

/** A story's credits by role, each in its order: the byline and the translators. */
export async function storyCredits(
  db: DbHandle,
  storyId: number,
): Promise<{ authorIds: number[]; translatorIds: number[] }> {
  const rows = await db
    .selectFrom('story_authors')
    .select(['author_id', 'role'])
    .where('story_id', '=', storyId)
    .orderBy('position')
    .execute();
  const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.author_id);
  return { authorIds: of('author'), translatorIds: of('translator') };
}

/** A story's tag ids. */
export async function storyTagIds(db: DbHandle, storyId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('story_tags')
    .select('tag_id')
    .where('story_id', '=', storyId)
    .orderBy('tag_id')
    .execute();
  return rows.map((r) => r.tag_id);
}

/** Whether any story exists (a first start seeds only an empty newsroom). */
export async function hasStories(db: DbHandle): Promise<boolean> {
  return Boolean(await db.selectFrom('stories').select('id').limit(1).executeTakeFirst());
}

/** Every slug stories use or redirect from (imports pick free ones in memory). */
export async function allStorySlugs(db: DbHandle): Promise<string[]> {
  const [current, old] = await Promise.all([
    db.selectFrom('stories').select('slug').execute(),
    db.selectFrom('story_slugs').select('slug').execute(),
  ]);
  return [...current, ...old].map((r) => r.slug);
}

/** Removes the embed links of the given stories (before they are written again). */
export async function deleteStoryEmbeds(db: DbHandle, storyIds: readonly number[]): Promise<void> {
  if (storyIds.length)
    await db
      .deleteFrom('story_embeds')
      .where('story_id', 'in', [...storyIds])
      .execute();
}

/** The deks of the given stories, by id (cards leave them out). */
export async function deksByIds(db: DbHandle, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'dek'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.dek]));
}

/** The status and language of each of the given stories that exists (a deleted one is missing). */
export async function storyStates(
  db: DbHandle,
  ids: readonly number[],
): Promise<Map<number, Pick<Story, 'status' | 'language'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'status', 'language'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { status: r.status, language: r.language }]));
}

/** Inserts many stories at once (seeding, imports) and returns their ids in order. */
export async function insertStoryRows(db: DbHandle, rows: NewStory[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await db.insertInto('stories').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

/** Inserts many bylines, tag links and embed links at once (seeding, imports). */
export async function insertStoryLinkRows(
  db: DbHandle,
  links: {
    /** Bylines; `role` 'translator' for a translation's credit (give it on every row or on none). */
    authors: { story_id: number; author_id: number; position: number; role?: StoryCreditRole }[];
    tags: { story_id: number; tag_id: number }[];
    embeds: { story_id: number; embedded_story_id: number }[];
  },
): Promise<void> {
  if (links.authors.length) await db.insertInto('story_authors').values(links.authors).execute();
  if (links.tags.length) await db.insertInto('story_tags').values(links.tags).execute();
  if (links.embeds.length) await db.insertInto('story_embeds').values(links.embeds).execute();
}

/** Ids of scheduled stories whose publish time has come, the longest overdue first. */
export async function dueScheduledIds(db: DbHandle, now: number, limit = 100): Promise<number[]> {
  const rows = await db
    .selectFrom('stories')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .orderBy('published_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims a due scheduled story for publishing with a conditional UPDATE: true for exactly one caller,
 * however many processes race for it. Run inside the publishing transaction, so claim and change commit together.
 */
export async function claimScheduled(db: DbHandle, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('stories')
    .set({ status: 'published' })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
