import type { Author, Tag, DbHandle } from '../db/database.js';

/** One keyset page of tags in id order (ids never change, so a page never shifts). */
export async function tagsPage(db: DbHandle, afterId: number, limit: number): Promise<Tag[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** One keyset page of authors in id order. */
export async function authorsPage(db: DbHandle, afterId: number, limit: number): Promise<Author[]> {
  return db.selectFrom('authors').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
