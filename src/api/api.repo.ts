import type { Kysely } from 'kysely';
import type { Author, Database, Tag } from '../db/database.js';

/** One keyset page of tags in id order (ids never change, so a page never shifts). */
export async function tagsPage(db: Kysely<Database>, afterId: number, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** One keyset page of authors in id order. */
export async function authorsPage(db: Kysely<Database>, afterId: number, limit: number): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
