import { listAuthors } from '../authors/author.repo.js';
import type { Author, DbHandle } from '../db/database.js';
import { keysetPage } from '../lib/cursor.js';
import { authorsForStories } from './story.repo.js';
import { deskListCursor, deskListKeys } from './story.cursor.js';
import { type DeskListFilter, type DeskListRow, listDeskStories } from './story-list.repo.js';
import { type TranslationMember, translationsOfStories } from './story-translation.repo.js';

/** Rows of the desk's story list with what each row shows beside it: its bylines and its translations. */
export interface DeskListRows {
  items: DeskListRow[];
  /** Story id → its bylines, in order. */
  bylines: Map<number, Author[]>;
  /** Story id → the other members of its translation group. */
  translations: Map<number, TranslationMember[]>;
}

/** A page of the desk's story list, with the cursor of the next one (null on the last). */
export interface DeskListPage extends DeskListRows {
  next: string | null;
}

/** The bylines and translations of some desk rows, read together (one query each). */
async function withLinks(db: DbHandle, items: DeskListRow[]): Promise<DeskListRows> {
  const [bylines, translations] = await Promise.all([
    authorsForStories(
      db,
      items.map((r) => r.id),
    ),
    translationsOfStories(db, items),
  ]);
  return { items, bylines, translations };
}

/** One keyset page of the desk's story list (the desk page's and the desk API's), with its rows' bylines and translations. */
export async function deskStoryList(
  db: DbHandle,
  filter: Omit<DeskListFilter, 'limit'>,
  pageSize: number,
): Promise<DeskListPage> {
  const { items, next } = await keysetPage(deskListCursor, deskListKeys, pageSize, (take) =>
    listDeskStories(db, { ...filter, limit: take }),
  );
  return { ...(await withLinks(db, items)), next };
}

/** The desk list page: one page of stories, and every author profile for its byline filter. */
export async function deskStoryListPage(
  db: DbHandle,
  filter: Omit<DeskListFilter, 'limit'>,
  pageSize: number,
): Promise<DeskListPage & { authors: Author[] }> {
  const [page, authors] = await Promise.all([deskStoryList(db, filter, pageSize), listAuthors(db)]);
  return { ...page, authors };
}

/** The editors' review queue: stories in review, newest first (at most 200), with bylines and translations. */
export async function reviewQueue(db: DbHandle): Promise<DeskListRows> {
  return withLinks(db, await listDeskStories(db, { status: 'review', limit: 200 }));
}
