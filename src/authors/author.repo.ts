import type { Insertable, Kysely } from 'kysely';
import type { Author, AuthorTable, Database } from '../db/database.js';

export async function authorBySlug(db: Kysely<Database>, slug: string): Promise<Author | undefined> {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertAuthor(db: Kysely<Database>, row: Insertable<AuthorTable>): Promise<Author> {
  return db.insertInto('authors').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listAuthors(db: Kysely<Database>): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().orderBy('name').execute();
}
