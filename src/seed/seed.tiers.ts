import { insertTier } from '../billing/tier.repo.js';
import type { DbHandle } from '../db/database.js';

/**
 * The demo's membership tiers (prices in cents of the default currency): the free tier signed-in readers have, and
 * two paid ones with monthly and yearly prices, so /membership and the desk's Tiers page show a real offer. The
 * buttons appear once Stripe keys are set (README, *Payments*).
 */
export async function seedDemoTiers(db: DbHandle, now: number): Promise<void> {
  const base = { created_at: now, updated_at: now };
  await insertTier(db, {
    ...base,
    slug: 'free',
    name: 'Free',
    kind: 'free',
    description: 'A reader account: the newsletters you choose and a voice in the comments.',
    benefits: JSON.stringify(['Every newsletter', 'Comments under stories', 'Stories for signed-in readers']),
    monthly_price: null,
    yearly_price: null,
    position: 0,
  });
  await insertTier(db, {
    ...base,
    slug: 'supporter',
    name: 'Supporter',
    description: 'Keeps the reporting going, and reads everything we publish.',
    benefits: JSON.stringify([
      'Every story, in full',
      'The weekly long read a day early',
      'Our thanks in the annual report',
    ]),
    monthly_price: 600,
    yearly_price: 6000,
    position: 1,
  });
  await insertTier(db, {
    ...base,
    slug: 'patron',
    name: 'Patron',
    description: 'For readers who fund a reporter’s week in the field.',
    benefits: JSON.stringify([
      'Everything Supporters get',
      'A quarterly call with the editors',
      'Your name on the Support page',
    ]),
    monthly_price: 2500,
    yearly_price: 25000,
    position: 2,
  });
}
