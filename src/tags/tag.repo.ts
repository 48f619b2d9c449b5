import type { Kysely } from 'kysely';
import type { Database, Tag } from '../db/database.js';

export async function tagBySlug(db: Kysely<Database>, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export const tagUrl = (slug: string) => `/tags/${slug}`;
