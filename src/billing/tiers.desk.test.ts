import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { signedIn } from '../../test/support/desk.js';
import { withEditions } from '../../test/support/editions.js';
import { allTiers } from './tier.service.js';

const form = (over: Record<string, string> = {}) => ({
  name: 'Supporter',
  slug: '',
  kind: 'paid',
  description: 'Keeps the lights on.',
  benefits: 'Every story\nThe weekly letter',
  monthlyPrice: '8.50',
  yearlyPrice: '85',
  position: '1',
  ...over,
});

for (const dialect of DIALECTS) {
  describe(`tiers in the desk (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('create, edit, archive; prices kept in minor units; the desk says payments are off and how to turn them on', async () => {
      const admin = await signedIn(t, 'admin');
      const page = await (await admin.get('/desk/tiers')).text();
      assert.match(page, /Payments are off/);
      assert.match(page, /STRIPE_SECRET_KEY/);
      const res = await admin.postForm('/desk/tiers', form());
      assert.equal(res.status, 303);
      const [tier] = await allTiers(t.deps);
      assert.equal(tier!.slug, 'supporter');
      assert.equal(tier!.monthlyPrice, 850);
      assert.equal(tier!.yearlyPrice, 8500);
      assert.deepEqual(tier!.benefits, ['Every story', 'The weekly letter']);
      const edited = await admin.postForm(`/desk/tiers/${tier!.id}`, form({ monthlyPrice: '9', yearlyPrice: '' }));
      assert.equal(edited.status, 303);
      assert.equal((await allTiers(t.deps))[0]!.yearlyPrice, null);
      assert.equal((await admin.postForm(`/desk/tiers/${tier!.id}/archive`, { archived: '1' })).status, 303);
      assert.equal((await allTiers(t.deps))[0]!.archived, true);
      assert.doesNotMatch(await (await t.request('/membership')).text(), /Supporter/, 'archived: not offered');
      await admin.postForm(`/desk/tiers/${tier!.id}/archive`, { archived: '0' });
      const uk = await (await t.request('/membership')).text();
      assert.match(uk, /€9\.00 a month/);
    });

    test('hostile amounts and names are refused with a clear 400, and markup is escaped', async () => {
      const admin = await signedIn(t, 'owner');
      for (const [price, message] of [
        ['-5', /An amount is a number/],
        ['1e9', /An amount is a number/],
        ['8.505', /at most 2 decimals/],
        ['0', /more than zero/],
        ['99999999', /too large/],
      ] as const) {
        const res = await admin.postForm('/desk/tiers', form({ name: `Bad ${price}`, monthlyPrice: price }));
        assert.equal(res.status, 400, price);
        assert.match(await res.text(), message);
      }
      const none = await admin.postForm('/desk/tiers', form({ name: 'No price', monthlyPrice: '', yearlyPrice: '' }));
      assert.equal(none.status, 400);
      const res = await admin.postForm('/desk/tiers', form({ name: '<script>alert(1)</script>', slug: 'xss' }));
      assert.equal(res.status, 303);
      const html = await (await t.request('/membership')).text();
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      const dup = await admin.postForm('/desk/tiers', form({ name: 'Again', slug: 'xss' }));
      assert.equal(dup.status, 409);
      const badCurrency = await admin.postForm('/desk/tiers/settings', {
        currency: 'XYZ1',
        graceDays: '7',
        donationPrompt: 'off',
        promptAfter: '3',
        donationPresets: '5',
      });
      assert.equal(badCurrency.status, 400);
    });
  });

  describe(`the pricing page in another edition (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await withEditions(t.deps);
    });
    after(() => t.close());

    test('the pricing page in Ukrainian: its words and its way of writing money', async () => {
      const admin = await signedIn(t, 'owner');
      await admin.postForm('/desk/tiers/settings', {
        currency: 'uah',
        graceDays: '5',
        donationPrompt: 'after',
        promptAfter: '3',
        donationPresets: '100 250',
      });
      await admin.postForm('/desk/tiers', form({ monthlyPrice: '9' }));
      const ukRes = await t.request('/uk/membership');
      const html = await ukRes.text();
      assert.equal(ukRes.status, 200, html.slice(0, 2000));
      assert.match(html, /Станьте членом спільноти/);
      assert.match(html, /9,00\s₴ на місяць/);
    });
  });
}
