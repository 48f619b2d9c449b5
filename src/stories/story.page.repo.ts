import type { Kysely } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Author, Database, Story, Tag } from '../db/database.js';
import { dialectOf } from '../search/search.index.js';

/** The byline fields a story page shows (author cards, JSON-LD); the account and timestamps stay out. */
export type BylineRow = Pick<Author, 'id' | 'slug' | 'name' | 'role_title' | 'bio' | 'short_bio' | 'avatar_image_id' | 'links'>;
/** A correction or update note as readers see it. */
export interface NoteRow {
  kind: 'correction' | 'update';
  body: string;
  created_at: number;
}

/** A story with what its page lists: ordered bylines, tags by name, notes oldest first. */
export interface StoryWithLinks {
  story: Story;
  authors: BylineRow[];
  tags: Tag[];
  notes: NoteRow[];
}

/**
 * A story by slug with its bylines, tags and notes, in one query: each list comes back as a JSON array
 * (json_group_array on SQLite, json_agg on PostgreSQL), so the story page costs one round trip for all
 * of them instead of four. Drafts are returned too; the caller decides who may see them.
 */
export async function storyWithLinksBySlug(db: Kysely<Database>, slug: string): Promise<StoryWithLinks | undefined> {
  const jsonArrayFrom = dialectOf(db) === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  const row = await db
    .selectFrom('stories')
    .selectAll('stories')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('story_authors')
          .innerJoin('authors', 'authors.id', 'story_authors.author_id')
          .select(['authors.id', 'authors.slug', 'authors.name', 'authors.role_title', 'authors.bio', 'authors.short_bio', 'authors.avatar_image_id', 'authors.links'])
          .whereRef('story_authors.story_id', '=', 'stories.id')
          .orderBy('story_authors.position'),
      ).as('authors_json'),
      jsonArrayFrom(
        eb
          .selectFrom('story_tags')
          .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
          .select(['tags.id', 'tags.slug', 'tags.name'])
          .whereRef('story_tags.story_id', '=', 'stories.id')
          .orderBy('tags.name'),
      ).as('tags_json'),
      jsonArrayFrom(
        eb
          .selectFrom('story_notes')
          .select(['story_notes.kind', 'story_notes.body', 'story_notes.created_at'])
          .whereRef('story_notes.story_id', '=', 'stories.id')
          .orderBy('story_notes.created_at')
          .orderBy('story_notes.id'),
      ).as('notes_json'),
    ])
    .where('stories.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const { authors_json, tags_json, notes_json, ...story } = row;
  // SQLite hands the arrays over as JSON text, PostgreSQL as parsed values.
  const list = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : (v as T[]));
  return {
    story: story as Story,
    authors: list<BylineRow>(authors_json),
    tags: list<Tag>(tags_json),
    notes: list<NoteRow>(notes_json).map((n) => ({ ...n, created_at: Number(n.created_at) })),
  };
}
