import type { DbHandle } from '../db/database.js';
import { ANONYMOUS, type Entitlement } from './access.js';
import { grantedPaidTierIds } from './membership.repo.js';

/**
 * A reader's entitlement at `now`: `anonymous` without a reader, `paid` with the paid tiers their granting
 * memberships give, `free` otherwise (a free tier's membership grants nothing beyond `free`).
 */
export async function readerEntitlement(db: DbHandle, readerId: number | null, now: number): Promise<Entitlement> {
  if (readerId === null) return ANONYMOUS;
  const tierIds = await grantedPaidTierIds(db, readerId, now);
  return tierIds.length > 0 ? { kind: 'paid', tierIds } : { kind: 'free', tierIds: [] };
}
