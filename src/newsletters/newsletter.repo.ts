import type { DbHandle, Newsletter, NewsletterTable } from '../db/database.js';
import type { Insertable, Updateable } from 'kysely';

/** Every newsletter not archived, in the desk's order (position, then name). */
export async function listNewsletters(db: DbHandle, opts: { visibleOnly?: boolean } = {}): Promise<Newsletter[]> {
  let q = db.selectFrom('newsletters').selectAll().where('archived_at', 'is', null);
  if (opts.visibleOnly) q = q.where('visible', '=', 1);
  return q.orderBy('position').orderBy('name').orderBy('id').execute();
}

export async function newsletterById(db: DbHandle, id: number): Promise<Newsletter | undefined> {
  return db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function newsletterBySlug(db: DbHandle, slug: string): Promise<Newsletter | undefined> {
  return db.selectFrom('newsletters').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertNewsletter(db: DbHandle, row: Insertable<NewsletterTable>): Promise<Newsletter> {
  return db.insertInto('newsletters').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateNewsletterRow(
  db: DbHandle,
  id: number,
  set: Updateable<NewsletterTable>,
): Promise<Newsletter | undefined> {
  return db.updateTable('newsletters').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Newsletters with a daily digest (not archived). */
export async function digestNewsletters(db: DbHandle): Promise<Newsletter[]> {
  return db
    .selectFrom('newsletters')
    .selectAll()
    .where('archived_at', 'is', null)
    .where('digest_hour', 'is not', null)
    .execute();
}
