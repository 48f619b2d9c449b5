import type { Insertable, Updateable } from 'kysely';
import type { Author, AuthorTable, DbHandle } from '../db/database.js';
import { ownOrBase } from '../db/translated.js';

/** Authors with their role title and bios in a language where written, the base row's otherwise ('': the base). */
export function authorsIn(db: DbHandle, language: string) {
  return db
    .selectFrom('authors')
    .leftJoin('author_translations as at', (j) =>
      j.onRef('at.author_id', '=', 'authors.id').on('at.language', '=', language),
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
      'authors.user_id',
      'authors.created_at',
      'authors.updated_at',
    ]);
}

/** An author by slug; with a language, the role title and bios in it where written, the base row's otherwise. */
export async function authorBySlug(db: DbHandle, slug: string, language = ''): Promise<Author | undefined> {
  return authorsIn(db, language).where('authors.slug', '=', slug).executeTakeFirst();
}

/** An author's role title and bios in one language. */
export interface AuthorWords {
  role_title: string;
  bio: string;
  short_bio: string;
}

/** An author's written translations, by language (the profile form). */
export async function authorWords(db: DbHandle, authorId: number): Promise<Map<string, AuthorWords>> {
  const rows = await db.selectFrom('author_translations').selectAll().where('author_id', '=', authorId).execute();
  return new Map(rows.map(({ author_id: _, language, ...words }) => [language, words]));
}

/** Sets an author's words in one language; nothing written removes them, so the base row's show. */
export async function saveAuthorWords(
  db: DbHandle,
  authorId: number,
  language: string,
  words: AuthorWords,
): Promise<void> {
  if (!words.role_title && !words.bio && !words.short_bio) {
    await db
      .deleteFrom('author_translations')
      .where('author_id', '=', authorId)
      .where('language', '=', language)
      .execute();
    return;
  }
  await db
    .insertInto('author_translations')
    .values({ author_id: authorId, language, ...words })
    .onConflict((oc) => oc.columns(['author_id', 'language']).doUpdateSet(words))
    .execute();
}

export async function insertAuthor(db: DbHandle, row: Insertable<AuthorTable>): Promise<Author> {
  return db.insertInto('authors').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Inserts a byline profile with nothing but a name and a role title (a guest byline, or a new account's own):
 * no bio, no avatar, no links yet. The one place that knows what an empty profile is.
 */
export async function insertBareAuthor(
  db: DbHandle,
  v: { slug: string; name: string; roleTitle: string; now: number },
): Promise<Author> {
  return insertAuthor(db, {
    slug: v.slug,
    name: v.name,
    role_title: v.roleTitle,
    bio: '',
    short_bio: '',
    avatar_image_id: null,
    links: '[]',
    user_id: null,
    created_at: v.now,
    updated_at: v.now,
  });
}

export async function listAuthors(db: DbHandle): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().orderBy('name').execute();
}

/** An author profile by id. */
export async function authorById(db: DbHandle, id: number): Promise<Author | undefined> {
  return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes an author profile; undefined when there is no such author. */
export async function updateAuthorRow(
  db: DbHandle,
  id: number,
  patch: Updateable<AuthorTable>,
): Promise<Author | undefined> {
  return db.updateTable('authors').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** The author slugs taken among `base` and `base-…` (to find a free one). */
export async function authorSlugsLike(db: DbHandle, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('authors')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

/** Authors by id in one query (bylines of live-blog entries and previews), with their words in a language as above. */
export async function authorsByIds(db: DbHandle, ids: readonly number[], language = ''): Promise<Map<number, Author>> {
  if (ids.length === 0) return new Map();
  const rows = await authorsIn(db, language)
    .where('authors.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((a) => [a.id, a]));
}

/** Every author slug in use (imports pick free ones in memory). */
export async function allAuthorSlugs(db: DbHandle): Promise<string[]> {
  return (await db.selectFrom('authors').select('slug').execute()).map((r) => r.slug);
}

/** Gives an author an avatar unless they already have one. */
export async function setAvatarIfMissing(db: DbHandle, authorId: number, imageId: number): Promise<void> {
  await db
    .updateTable('authors')
    .set({ avatar_image_id: imageId })
    .where('id', '=', authorId)
    .where('avatar_image_id', 'is', null)
    .execute();
}

/** Whether any author profile exists. */
export async function hasAuthors(db: DbHandle): Promise<boolean> {
  return Boolean(await db.selectFrom('authors').select('id').limit(1).executeTakeFirst());
}
