import type { Insertable, Updateable } from 'kysely';
import type { DbHandle, Tier, TierTable } from '../db/database.js';

/** Every tier in the desk's order (archived ones too: existing members keep them). */
export async function listTiers(db: DbHandle): Promise<Tier[]> {
  return db.selectFrom('tiers').selectAll().orderBy('position').orderBy('id').execute();
}

export async function findTier(db: DbHandle, id: number): Promise<Tier | undefined> {
  return db.selectFrom('tiers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTier(db: DbHandle, row: Insertable<TierTable>): Promise<Tier> {
  return db.insertInto('tiers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTier(db: DbHandle, id: number, patch: Updateable<TierTable>): Promise<void> {
  await db.updateTable('tiers').set(patch).where('id', '=', id).execute();
}
