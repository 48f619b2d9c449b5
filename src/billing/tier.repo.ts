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

/** The tier whose monthly or yearly price is the provider's `priceId` (a tier imported with its prices). */
export async function findTierByProviderPrice(db: DbHandle, priceId: string): Promise<Tier | undefined> {
  if (!priceId) return undefined;
  return db
    .selectFrom('tiers')
    .selectAll()
    .where((eb) => eb.or([eb('provider_monthly_price_id', '=', priceId), eb('provider_yearly_price_id', '=', priceId)]))
    .executeTakeFirst();
}
