import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';

/** A group of published stories whose ids fall in one range of `perFile` ids, with its newest change. */
export interface StoryChunk {
  /** 1-based: chunk n holds ids in ((n-1)·perFile, n·perFile]. */
  n: number;
  lastmod: number;
}

const positive = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${n}`);
  return n;
};

/**
 * Story sitemaps are keyed by id ranges: a story stays in the same file for life, each file holds at most
 * `perFile` URLs however many stories are unpublished, and a file is read by primary-key range, not OFFSET.
 * One grouped query gives every non-empty range and its newest change, for the sitemap index.
 */
export async function storyChunks(db: Kysely<Database>, perFile: number): Promise<StoryChunk[]> {
  // A literal (checked above), not a parameter: PostgreSQL needs the SELECT and GROUP BY expressions to be identical.
  const chunk = sql<number>`(${sql.ref('id')} - 1) / ${sql.lit(positive(perFile))}`;
  const rows = await db
    .selectFrom('stories')
    .select([chunk.as('chunk'), (eb) => eb.fn.max('updated_at').as('lastmod')])
    .where('status', '=', 'published')
    .groupBy(chunk)
    .orderBy(chunk)
    .execute();
  return rows.map((r) => ({ n: Number(r.chunk) + 1, lastmod: Number(r.lastmod) }));
}

/** The published stories of chunk n (see storyChunks), in id order. */
export async function storiesInChunk(db: Kysely<Database>, n: number, perFile: number) {
  const lo = (positive(n) - 1) * positive(perFile);
  return db
    .selectFrom('stories')
    .select(['slug', 'updated_at'])
    .where('status', '=', 'published')
    .where('id', '>', lo)
    .where('id', '<=', lo + perFile)
    .orderBy('id')
    .execute();
}

/** Each section, author or tag slug that has published stories, with the newest change among them. */
export interface ListingEntry {
  slug: string;
  lastmod: number;
}

export async function sectionsWithStories(db: Kysely<Database>): Promise<ListingEntry[]> {
  const rows = await db
    .selectFrom('sections')
    .leftJoin('stories', (j) => j.onRef('stories.section_id', '=', 'sections.id').on('stories.status', '=', 'published'))
    .select(['sections.slug', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .groupBy(['sections.id', 'sections.slug'])
    .orderBy('sections.slug')
    .execute();
  // A parent section with no stories of its own still lists its children's, so every section is kept.
  return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.lastmod ?? 0) }));
}

export async function authorsWithStories(db: Kysely<Database>, max: number): Promise<ListingEntry[]> {
  const rows = await db
    .selectFrom('authors')
    .innerJoin('story_authors', 'story_authors.author_id', 'authors.id')
    .innerJoin('stories', 'stories.id', 'story_authors.story_id')
    .select(['authors.slug', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .where('stories.status', '=', 'published')
    .groupBy(['authors.id', 'authors.slug'])
    .orderBy('authors.slug')
    .limit(max)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.lastmod) }));
}

export async function tagsWithStories(db: Kysely<Database>, max: number): Promise<ListingEntry[]> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('story_tags', 'story_tags.tag_id', 'tags.id')
    .innerJoin('stories', 'stories.id', 'story_tags.story_id')
    .select(['tags.slug', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .where('stories.status', '=', 'published')
    .groupBy(['tags.id', 'tags.slug'])
    .orderBy('tags.slug')
    .limit(max)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.lastmod) }));
}
