import { type CompiledQuery, sql } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Author, DbHandle, Story, StoryCreditRole, TagLink } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { ownOrBase } from '../db/translated.js';
import type { NoteRow } from './story-notes.repo.js';

/** The byline fields a story page shows (author cards, JSON-LD); the account and timestamps stay out. */
export type BylineRow = Pick<
  Author,
  'id' | 'slug' | 'name' | 'role_title' | 'bio' | 'short_bio' | 'avatar_image_id' | 'links'
> & {
  /** 'author' for the byline, 'translator' for a translation's credit (absent on older callers: an author). */
  credit?: StoryCreditRole;
};

/** A published translation of a story: enough to link to it in its edition. */
export interface TranslationLink {
  id: number;
  slug: string;
  language: string;
}

/** A story with what its page lists: ordered bylines, tags by name, notes oldest first. */
export interface StoryWithLinks {
  story: Story;
  authors: BylineRow[];
  tags: TagLink[];
  notes: NoteRow[];
  /** The story's other published translations (none when it is in no group). */
  translations: TranslationLink[];
}

/** The one query, built for a given slug (see storyWithLinksBySlug). */
function storyWithLinksQuery(db: DbHandle, slug: string) {
  const jsonArrayFrom = dialectOf(db) === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  return db
    .selectFrom('stories')
    .selectAll('stories')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('story_authors')
          .innerJoin('authors', 'authors.id', 'story_authors.author_id')
          // The bylines in the story's language where written (author_translations), the base row's otherwise.
          .leftJoin('author_translations as at', (j) =>
            j.onRef('at.author_id', '=', 'authors.id').onRef('at.language', '=', 'stories.language'),
          )
          .select([
            'authors.id',
            'authors.slug',
            'authors.name',
            ownOrBase('at.role_title', 'authors.role_title').as('role_title'),
            ownOrBase('at.bio', 'authors.bio').as('bio'),
            ownOrBase('at.short_bio', 'authors.short_bio').as('short_bio'),
            'authors.avatar_image_id',
            'authors.links',
            'story_authors.role as credit',
          ])
          .whereRef('story_authors.story_id', '=', 'stories.id')
          .orderBy('story_authors.position'),
      ).as('authors_json'),
      jsonArrayFrom(
        eb
          .selectFrom('story_tags')
          .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
          .leftJoin('tag_translations as tt', (j) =>
            j.onRef('tt.tag_id', '=', 'tags.id').onRef('tt.language', '=', 'stories.language'),
          )
          .select(['tags.id', 'tags.slug', ownOrBase('tt.name', 'tags.name').as('name')])
          .whereRef('story_tags.story_id', '=', 'stories.id')
          .orderBy('name'),
      ).as('tags_json'),
      jsonArrayFrom(
        eb
          .selectFrom('story_notes')
          .select(['story_notes.kind', 'story_notes.body', 'story_notes.created_at'])
          .whereRef('story_notes.story_id', '=', 'stories.id')
          .orderBy('story_notes.created_at')
          .orderBy('story_notes.id'),
      ).as('notes_json'),
      jsonArrayFrom(
        eb
          .selectFrom('stories as t')
          .select(['t.id', 't.slug', 't.language'])
          .whereRef('t.translation_group', '=', 'stories.translation_group')
          .whereRef('t.id', '<>', 'stories.id')
          // A literal, not a parameter: the compiled query's only parameter is the slug.
          .where('t.status', '=', sql.lit('published'))
          .orderBy('t.language'),
      ).as('translations_json'),
    ])
    .where('stories.slug', '=', slug);
}

type StoryWithLinksRow = Story & {
  authors_json: unknown;
  tags_json: unknown;
  notes_json: unknown;
  translations_json: unknown;
};

/** The query compiled once per database handle: its text never changes, only the slug (its one parameter). */
const compiled = new WeakMap<DbHandle, CompiledQuery>();
const SLUG_PLACEHOLDER = '\0slug';

function compiledFor(db: DbHandle): CompiledQuery {
  let q = compiled.get(db);
  if (!q) {
    q = storyWithLinksQuery(db, SLUG_PLACEHOLDER).compile();
    if (q.parameters.length !== 1 || q.parameters[0] !== SLUG_PLACEHOLDER)
      throw new Error("storyWithLinksBySlug: the slug must be the query's only parameter");
    compiled.set(db, q);
  }
  return q;
}

/**
 * A story by slug with its bylines, tags and notes, in one query: each list comes back as a JSON array
 * (json_group_array on SQLite, json_agg on PostgreSQL), so the story page costs one round trip for all
 * of them instead of four. Drafts are returned too; the caller decides who may see them.
 *
 * Building and compiling this query with Kysely cost twice as much CPU as running it, on every uncached
 * story page; its text is fixed, so it is compiled once and run with the slug as its parameter.
 */
export async function storyWithLinksBySlug(db: DbHandle, slug: string): Promise<StoryWithLinks | undefined> {
  const { rows } = await db.executeQuery<StoryWithLinksRow>({ ...compiledFor(db), parameters: [slug] });
  const row = rows[0];
  if (!row) return undefined;
  const { authors_json, tags_json, notes_json, translations_json, ...story } = row;
  // SQLite hands the arrays over as JSON text, PostgreSQL as parsed values.
  const list = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : (v as T[]));
  return {
    story,
    authors: list<BylineRow>(authors_json),
    tags: list<TagLink>(tags_json),
    notes: list<NoteRow>(notes_json).map((n) => ({ ...n, created_at: Number(n.created_at) })),
    translations: list<TranslationLink>(translations_json),
  };
}
