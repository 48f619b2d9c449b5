import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeReader } from '../../test/support/factories.js';
import type { MembershipTable } from '../db/database.js';
import type { Insertable } from 'kysely';
import { ANONYMOUS, canRead, entitlementClass, parseTierIds } from './access.js';
import { readerEntitlement } from './entitlement.service.js';
import { insertMembership } from './membership.repo.js';
import { insertTier } from './tier.repo.js';

const DAY = 86_400_000;

describe('access rules', () => {
  const free = { kind: 'free', tierIds: [] } as const;
  const gold = { kind: 'paid', tierIds: [7] } as const;
  test('each level against each kind of reader', () => {
    assert.equal(canRead({ access: 'public', tierIds: [] }, ANONYMOUS), true);
    assert.equal(canRead({ access: 'members', tierIds: [] }, ANONYMOUS), false);
    assert.equal(canRead({ access: 'members', tierIds: [] }, free), true);
    assert.equal(canRead({ access: 'paid', tierIds: [] }, free), false);
    assert.equal(canRead({ access: 'paid', tierIds: [] }, gold), true);
    assert.equal(canRead({ access: 'tiers', tierIds: [3, 9] }, gold), false, 'another tier');
    assert.equal(canRead({ access: 'tiers', tierIds: [3, 7] }, gold), true);
    assert.equal(canRead({ access: 'tiers', tierIds: [] }, gold), true, 'no tiers listed: any paid tier');
  });
  test('stored tier lists and cache classes', () => {
    assert.deepEqual(parseTierIds('[9,3,3,-1,"x",2.5]'), [3, 9]);
    assert.deepEqual(parseTierIds('not json'), []);
    assert.equal(entitlementClass(ANONYMOUS), 'anonymous');
    assert.equal(entitlementClass({ kind: 'paid', tierIds: [2, 5] }), 'paid:2.5');
  });
});

for (const dialect of DIALECTS) {
  describe(`a reader's entitlement follows their memberships (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    test('states, periods, grace, complimentary ends and free tiers', async () => {
      const { db } = env.deps;
      const now = Date.UTC(2026, 11, 1);
      const base = { created_at: now, updated_at: now };
      const freeTier = await insertTier(db, {
        slug: 'free',
        name: 'Free',
        kind: 'free',
        monthly_price: null,
        yearly_price: null,
        ...base,
      });
      const gold = await insertTier(db, {
        slug: 'gold',
        name: 'Gold',
        monthly_price: 800,
        yearly_price: 8000,
        ...base,
      });
      const silver = await insertTier(db, {
        slug: 'silver',
        name: 'Silver',
        monthly_price: 400,
        yearly_price: 4000,
        ...base,
      });
      const member = async (over: Partial<Insertable<MembershipTable>>) => {
        const reader = await makeReader(env.deps);
        await insertMembership(db, {
          reader_id: reader.id,
          tier_id: gold.id,
          source: 'subscription',
          status: 'active',
          ...base,
          ...over,
        });
        return readerEntitlement(db, reader.id, now);
      };
      assert.deepEqual(await readerEntitlement(db, null, now), ANONYMOUS);
      assert.deepEqual(await readerEntitlement(db, (await makeReader(env.deps)).id, now), {
        kind: 'free',
        tierIds: [],
      });
      assert.deepEqual(await member({}), { kind: 'paid', tierIds: [gold.id] });
      assert.deepEqual(await member({ tier_id: freeTier.id }), { kind: 'free', tierIds: [] });
      assert.equal((await member({ status: 'past_due', grace_until: now + DAY })).kind, 'paid', 'inside the grace');
      assert.equal((await member({ status: 'past_due', grace_until: now - 1 })).kind, 'free', 'grace over');
      assert.equal(
        (await member({ status: 'canceled', current_period_end: now + DAY })).kind,
        'paid',
        'paid-for period',
      );
      assert.equal((await member({ status: 'canceled', current_period_end: now })).kind, 'free', 'period over');
      assert.equal((await member({ status: 'ended' })).kind, 'free');
      assert.equal((await member({ source: 'complimentary', ends_at: now + DAY })).kind, 'paid');
      assert.equal((await member({ source: 'complimentary', ends_at: now - DAY })).kind, 'free', 'gift over');
      const both = await makeReader(env.deps);
      for (const tier of [silver, gold])
        await insertMembership(db, {
          reader_id: both.id,
          tier_id: tier.id,
          source: 'subscription',
          status: 'active',
          ...base,
        });
      assert.deepEqual(
        (await readerEntitlement(db, both.id, now)).tierIds,
        [gold.id, silver.id].sort((a, b) => a - b),
      );
    });
  });
}
