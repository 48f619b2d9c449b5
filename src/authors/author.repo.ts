import type { Insertable } from 'kysely';
import type { Author, AuthorTable, DbHandle } from '../db/database.js';

export async function authorBySlug(db: DbHandle, slug: string): Promise<Author | undefined> {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertAuthor(db: DbHandle, row: Insertable<AuthorTable>): Promise<Author> {
  return db.insertInto('authors').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listAuthors(db: DbHandle): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().orderBy('name').execute();
}
