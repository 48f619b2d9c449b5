import type { DbHandle, Donation } from '../db/database.js';

export async function findDonation(db: DbHandle, id: number): Promise<Donation | undefined> {
  return db.selectFrom('donations').selectAll().where('id', '=', id).executeTakeFirst();
}
