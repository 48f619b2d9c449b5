import { sql } from 'kysely';
import type { StoryKind, StoryStatus, DbHandle } from '../db/database.js';
import type { CursorOf } from '../lib/cursor.js';
import type { deskListCursor } from './story.cursor.js';

export interface DeskListFilter {
  status?: StoryStatus;
  kind?: StoryKind;
  sectionId?: number;
  authorId?: number;
  /** Words the headline contains (case-insensitive). */
  q?: string;
  /** Only stories in this language (an edition's code). */
  language?: string;
  /**
   * "Needs translation": only published stories of another language whose translation group has no story in
   * this one (a story in no group has none).
   */
  untranslatedInto?: string;
  /** Only stories created before this position. */
  before?: CursorOf<typeof deskListCursor> | null;
  limit: number;
}

export interface DeskListRow {
  id: number;
  slug: string;
  headline: string;
  status: StoryStatus;
  kind: StoryKind;
  section_id: number;
  language: string;
  translation_group: number | null;
  published_at: number | null;
  updated_at: number;
  created_at: number;
  approved_at: number | null;
}

/** Escapes LIKE wildcards so a search for "50%" finds that text, not everything. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The desk's story list: every status, newest first, keyset-paged on (created_at, id), so deep pages
 * cost what the first costs.
 */
export async function listDeskStories(db: DbHandle, f: DeskListFilter): Promise<DeskListRow[]> {
  let q = db
    .selectFrom('stories')
    .leftJoin('story_desk', 'story_desk.story_id', 'stories.id')
    .select([
      'stories.id',
      'stories.slug',
      'stories.headline',
      'stories.status',
      'stories.kind',
      'stories.section_id',
      'stories.language',
      'stories.translation_group',
      'stories.published_at',
      'stories.updated_at',
      'stories.created_at',
      'story_desk.approved_at',
    ]);
  if (f.status) q = q.where('stories.status', '=', f.status);
  if (f.kind) q = q.where('stories.kind', '=', f.kind);
  if (f.sectionId !== undefined) q = q.where('stories.section_id', '=', f.sectionId);
  if (f.authorId !== undefined) {
    const authorId = f.authorId;
    q = q.where('stories.id', 'in', (eb) =>
      eb.selectFrom('story_authors').select('story_id').where('author_id', '=', authorId),
    );
  }
  if (f.language !== undefined) q = q.where('stories.language', '=', f.language);
  if (f.untranslatedInto !== undefined) {
    const into = f.untranslatedInto;
    q = q
      .where('stories.status', '=', 'published')
      .where('stories.language', '<>', into)
      .where((eb) =>
        eb.or([
          eb('stories.translation_group', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('stories as member')
                .select('member.id')
                .whereRef('member.translation_group', '=', 'stories.translation_group')
                .where('member.language', '=', into),
            ),
          ),
        ]),
      );
  }
  if (f.q) {
    const pattern = `%${likeEscape(f.q.toLowerCase())}%`;
    // ESCAPE spelled out: SQLite has no default LIKE escape character.
    q = q.where(sql<boolean>`lower(stories.headline) like ${pattern} escape '\\'`);
  }
  if (f.before) {
    const { createdAt: at, id } = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('stories.created_at', '<', at),
        eb.and([eb('stories.created_at', '=', at), eb('stories.id', '<', id)]),
      ]),
    );
  }
  return q.orderBy('stories.created_at', 'desc').orderBy('stories.id', 'desc').limit(f.limit).execute() as Promise<
    DeskListRow[]
  >;
}
