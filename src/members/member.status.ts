import type { SubscriptionStatus } from '../db/database.js';

/** A member's state, one of them, in this order of precedence: erased, bouncing, unsubscribed, active. */
export type MemberStatus = 'active' | 'unsubscribed' | 'bouncing' | 'erased';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'unsubscribed', 'bouncing', 'erased'];

/** A member's status from their row and their newsletter choices (the rule the members repository writes in SQL). */
export function memberStatus(
  r: { deleted_at: number | null; bouncing_at: number | null },
  subs: readonly { status: SubscriptionStatus }[],
): MemberStatus {
  if (r.deleted_at !== null) return 'erased';
  if (r.bouncing_at !== null) return 'bouncing';
  const left = subs.some((s) => s.status === 'unsubscribed') && !subs.some((s) => s.status === 'subscribed');
  return left ? 'unsubscribed' : 'active';
}
