import { type Kysely, sql } from 'kysely';
import type { DbHandle } from '../db/database.js';

/**
 * What a story sitemap may list: published stories, not pages (never news) nor stories kept from search engines.
 * Literals, not parameters: the partial index stories_sitemap_listed (migration 131) has this predicate, and
 * an engine uses it only when it can see that the query implies it.
 */
const listable = (table: 'stories' | 's') => {
  const col = (name: 'status' | 'kind' | 'noindex') => sql.ref(`${table}.${name}`);
  return sql<boolean>`${col('status')} = ${sql.lit('published')} and ${col('kind')} <> ${sql.lit('page')} and ${col('noindex')} = ${sql.lit(0)}`;
};

/** A group of listable stories (published, not pages, not noindex) whose ids fall in one range of `perFile` ids, with its newest change. */
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
export async function storyChunks(db: DbHandle, perFile: number): Promise<StoryChunk[]> {
  // A literal (checked above), not a parameter: PostgreSQL needs the SELECT and GROUP BY expressions to be identical.
  const chunk = sql<number>`(${sql.ref('id')} - 1) / ${sql.lit(positive(perFile))}`;
  const rows = await db
    .selectFrom('stories')
    .select([chunk.as('chunk'), (eb) => eb.fn.max('updated_at').as('lastmod')])
    .where(listable('stories'))
    .groupBy(chunk)
    .orderBy(chunk)
    .execute();
  return rows.map((r) => ({ n: Number(r.chunk) + 1, lastmod: Number(r.lastmod) }));
}

/** A published story of a story sitemap, with its published translations (the other members of its group). */
export interface ChunkStory {
  id: number;
  slug: string;
  language: string;
  updated_at: number;
  translations: { slug: string; language: string }[];
}

/**
 * The published stories of chunk n (see storyChunks), in id order, each with its published translations, in one
 * pass over the chunk's id range: a story in no group costs its translations nothing (a NULL key finds no row).
 */
export async function storiesInChunk(db: DbHandle, n: number, perFile: number): Promise<ChunkStory[]> {
  const lo = (positive(n) - 1) * positive(perFile);
  return withTranslations(
    await translationsJoin(db)
      .where(listable('s'))
      .where('s.id', '>', lo)
      .where('s.id', '<=', lo + perFile)
      .orderBy('s.id')
      .execute(),
  );
}

/**
 * The static pages the ordinary sitemap lists (src/pages): published, not kept from search engines, each with its
 * published translations, in id order. Pages are few (tens): one file, one query.
 */
export async function listedPages(db: DbHandle): Promise<ChunkStory[]> {
  return withTranslations(
    await translationsJoin(db)
      .where('s.status', '=', 'published')
      .where('s.kind', '=', 'page')
      .where('s.noindex', '=', 0)
      .orderBy('s.id')
      .execute(),
  );
}

/** Stories (as `s`) with each published translation (as `t`) beside them: one row per pair, none left out. */
const translationsJoin = (db: DbHandle) =>
  db
    .selectFrom('stories as s')
    .leftJoin('stories as t', (join) =>
      join
        .onRef('t.translation_group', '=', 's.translation_group')
        .onRef('t.id', '<>', 's.id')
        .on('t.status', '=', 'published'),
    )
    .select(['s.id', 's.slug', 's.language', 's.updated_at', 't.slug as t_slug', 't.language as t_language']);

type JoinedRow = Awaited<ReturnType<ReturnType<typeof translationsJoin>['execute']>>[number];

/** Folds the joined rows (ordered by the story's id) into one entry per story with its translations. */
function withTranslations(rows: readonly JoinedRow[]): ChunkStory[] {
  const stories: ChunkStory[] = [];
  for (const r of rows) {
    let last = stories[stories.length - 1];
    if (last?.id !== r.id) {
      last = { id: r.id, slug: r.slug, language: r.language, updated_at: r.updated_at, translations: [] };
      stories.push(last);
    }
    if (r.t_slug !== null && r.t_language !== null) last.translations.push({ slug: r.t_slug, language: r.t_language });
  }
  return stories;
}

/** A listing page's slug and when its list last changed (newest publish time; 0 when unknown). */
export interface ListingEntry {
  slug: string;
  lastmod: number;
}

/**
 * Every section, with the newest publish time among its own stories in one language (an edition's; every
 * language when absent). Sections are few, and each correlated MAX is one seek to the end of that section's
 * range of the (section_id, language, status, published_at) index. A parent with no stories of its own still
 * lists its children's, so every section is kept.
 */
export async function sectionsWithStories(db: DbHandle, language?: string): Promise<ListingEntry[]> {
  const rows = await db
    .selectFrom('sections')
    .select((eb) => {
      let latest = eb
        .selectFrom('stories')
        .select((s) => s.fn.max('stories.published_at').as('m'))
        .whereRef('stories.section_id', '=', 'sections.id');
      if (language !== undefined) latest = latest.where('stories.language', '=', language);
      latest = latest.where('stories.status', '=', 'published').where('stories.kind', '<>', 'page');
      return ['sections.slug', latest.as('latest')];
    })
    .orderBy('sections.slug')
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.latest ?? 0) }));
}

const BYLINE_OR_TAG = {
  authors: { link: 'story_authors', column: 'author_id' },
  tags: { link: 'story_tags', column: 'tag_id' },
} as const;

/**
 * Authors or tags with at least one published story, by slug. No lastmod (it is optional): the newest story
 * of each would cost a pass over every byline or tag link, while this stops at the first published one.
 */
export async function slugsWithStories(
  db: DbHandle,
  kind: keyof typeof BYLINE_OR_TAG,
  max: number,
): Promise<ListingEntry[]> {
  const { link, column } = BYLINE_OR_TAG[kind];
  // The table is chosen at run time, which Kysely's types cannot follow; the names come from the constant above.
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const rows: { slug: string }[] = await (db as Kysely<any>)
    .selectFrom(kind)
    .select(`${kind}.slug as slug`)
    // A scalar subquery with LIMIT 1 rather than EXISTS: PostgreSQL turns EXISTS into a semi-join that hashes
    // every link of a big tag (300 ms on 100,000 stories), while LIMIT 1 stops at the first published story (17 ms).
    .where((eb) =>
      eb(
        eb
          .selectFrom(`${link} as l`)
          .innerJoin('stories', 'stories.id', 'l.story_id')
          .select('l.story_id')
          .whereRef(`l.${column}`, '=', `${kind}.id`)
          .where('stories.status', '=', 'published')
          .where('stories.kind', '<>', 'page')
          .limit(1),
        'is not',
        null,
      ),
    )
    .orderBy('slug')
    .limit(max)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: 0 }));
}
