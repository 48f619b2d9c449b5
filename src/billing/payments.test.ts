import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeReader } from '../../test/support/factories.js';
import { readerClient } from '../../test/support/reader-client.js';
import { type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';
import { createApp } from '../http/app.js';
import { createDeps } from '../boot.js';
import { listOutbox } from '../mail/outbox.repo.js';
import { readerEntitlement } from './entitlement.service.js';
import { membershipsOfReader } from './membership.repo.js';
import { insertTier } from './tier.repo.js';
import type Stripe from 'stripe';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`payments through Stripe's stand-in (${dialect})`, () => {
    let stripe: StripeStandin;
    let t: TestApp;
    let gold: number;
    before(async () => {
      stripe = await startStripeStandin();
      t = await createTestApp(dialect, { env: stripe.env });
      const now = t.deps.clock();
      gold = (
        await insertTier(t.deps.db, {
          slug: 'gold',
          name: 'Gold',
          monthly_price: 800,
          yearly_price: 8000,
          created_at: now,
          updated_at: now,
        })
      ).id;
    });
    after(async () => {
      await t.close();
      await stripe.close();
    });

    const deliver = (e: Stripe.Event, app = t.app) => {
      const { body, signature } = stripe.signed(e);
      return app.request('/webhooks/stripe', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
    };
    const subscribe = async (interval = 'month') => {
      const reader = await makeReader(t.deps);
      const client = await readerClient(t, reader);
      const res = await client.postForm('/membership/checkout', { tier: String(gold), interval });
      assert.equal(res.status, 303);
      const url = res.headers.get('location')!;
      assert.ok(url.startsWith(`${stripe.base}/c/pay/cs_test_`), url);
      const sessionId = url.split('/').pop()!;
      return { reader, client, sessionId };
    };
    const entitled = async (readerId: number, at = Date.now()) =>
      (await readerEntitlement(t.deps.db, readerId, at)).kind;

    test('the pricing page lists the tier with Subscribe buttons, in each edition’s currency format', async () => {
      const res = await t.request('/membership');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /Gold/);
      assert.match(html, /€8\.00 a month/);
      assert.match(html, /Subscribe monthly/);
    });

    test('an anonymous Subscribe is sent to sign in, back to the pricing page after', async () => {
      const res = await t.request('/membership/checkout', {
        method: 'POST',
        body: new URLSearchParams({ tier: String(gold), interval: 'month' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account/sign-in?next=%2Fmembership');
    });

    test('subscribe → Checkout → webhooks → access; the customer is reused; duplicates change nothing', async () => {
      const { reader, client, sessionId } = await subscribe();
      const created = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.body.customer);
      assert.ok(created, 'the session names the reader’s customer');
      assert.equal((created.body.metadata as Record<string, string>).tier_id, String(gold));
      assert.equal(await entitled(reader.id), 'free');
      const events = stripe.pay(sessionId);
      for (const e of events) assert.equal((await deliver(e)).status, 200);
      assert.equal(await entitled(reader.id), 'paid');
      // The same events again (Stripe retries): nothing more happens.
      for (const e of events)
        assert.deepEqual(await (await deliver(e)).json(), { received: true, outcome: 'duplicate' });
      const ms = await membershipsOfReader(t.deps.db, reader.id);
      assert.equal(ms.length, 1);
      assert.equal(ms[0]!.status, 'active');
      assert.equal(ms[0]!.amount, 800);
      // The account page shows the tier and renewal, and "Manage membership" opens the portal.
      const page = await (await client.request('/account')).text();
      assert.match(page, /Tier: Gold/);
      assert.match(page, /Renews on/);
      const portal = await client.postForm('/account/membership/portal', {});
      assert.equal(portal.status, 303);
      assert.match(portal.headers.get('location')!, /\/p\/session\/bps_/);
      // A second Subscribe reuses the customer.
      const customers = stripe.customers.size;
      await client.postForm('/membership/checkout', { tier: String(gold), interval: 'year' });
      assert.equal(stripe.customers.size, customers);
    });

    test('a bad signature is a 400 and records nothing', async () => {
      const e = stripe.pay((await subscribe()).sessionId)[0]!;
      const { body } = stripe.signed(e);
      const res = await t.request('/webhooks/stripe', {
        method: 'POST',
        body,
        headers: { 'stripe-signature': 't=1,v1=deadbeef' },
      });
      assert.equal(res.status, 400);
      const tampered = stripe.signed(e);
      const res2 = await t.request('/webhooks/stripe', {
        method: 'POST',
        body: tampered.body.replace('"active"', '"canceled"'),
        headers: { 'stripe-signature': tampered.signature },
      });
      assert.equal(res2.status, 400);
      const seen = await t.deps.db.selectFrom('payment_events').select('id').where('event_id', '=', e.id).execute();
      assert.equal(seen.length, 0);
    });

    test('out of order: an update before the checkout still grants; an older event never overwrites a newer state', async () => {
      const { reader, sessionId } = await subscribe();
      const at = Math.floor(Date.now() / 1000);
      const [subCreated, invoicePaid, completed] = stripe.pay(sessionId, at - 100);
      const subId = (subCreated!.data.object as Stripe.Subscription).id;
      // The newest first: a cancellation at period end.
      const cancel = stripe.changeSubscription(
        subId,
        { cancel_at_period_end: true },
        'customer.subscription.updated',
        at,
      );
      assert.equal((await deliver(cancel)).status, 200);
      for (const e of [completed!, invoicePaid!, subCreated!]) assert.equal((await deliver(e)).status, 200);
      const [m] = await membershipsOfReader(t.deps.db, reader.id);
      assert.equal(m!.status, 'canceled', 'the older events left the newer cancellation as it was');
      // Access lasts until the period paid for ends, then stops.
      assert.equal(await entitled(reader.id), 'paid');
      assert.equal(await entitled(reader.id, m!.current_period_end! + 1), 'free');
      // The end: deleted. An older update arriving after it cannot bring it back.
      const ended = stripe.changeSubscription(subId, { status: 'canceled' }, 'customer.subscription.deleted', at + 10);
      assert.equal((await deliver(ended)).status, 200);
      assert.equal(await entitled(reader.id), 'free');
      const late = stripe.changeSubscription(
        subId,
        { status: 'active', cancel_at_period_end: false },
        'customer.subscription.updated',
        at + 5,
      );
      await deliver(late);
      assert.equal((await membershipsOfReader(t.deps.db, reader.id))[0]!.status, 'ended');
    });

    test('a failed renewal starts the grace period and emails the reader once', async () => {
      const { reader, sessionId } = await subscribe();
      const events = stripe.pay(sessionId);
      for (const e of events) await deliver(e);
      const subId = (events[0]!.data.object as Stripe.Subscription).id;
      const failed = stripe.invoice(subId, false);
      await deliver(failed);
      await deliver(stripe.changeSubscription(subId, { status: 'past_due' }));
      const [m] = await membershipsOfReader(t.deps.db, reader.id);
      assert.equal(m!.status, 'past_due');
      const graceDays = Math.round((m!.grace_until! - failed.created * 1000) / DAY);
      assert.equal(graceDays, 7);
      assert.equal(await entitled(reader.id), 'paid', 'within the grace period');
      assert.equal(await entitled(reader.id, m!.grace_until! + 1), 'free', 'after it');
      await t.jobs.settled();
      const mails = await listOutbox(t.deps.db, { to: reader.email, limit: 10 });
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, /did not go through/);
      // Paid after all: active again, grace over.
      await deliver(stripe.invoice(subId, true));
      assert.equal((await membershipsOfReader(t.deps.db, reader.id))[0]!.status, 'active');
    });

    test('a one-off donation is recorded once and thanked', async () => {
      const reader = await makeReader(t.deps);
      const client = await readerClient(t, reader);
      const bad = await client.postForm('/support/checkout', { custom: '-5', interval: 'once' });
      assert.equal(bad.status, 400);
      const huge = await client.postForm('/support/checkout', { custom: '99999999999', interval: 'once' });
      assert.equal(huge.status, 400);
      const notPreset = await client.postForm('/support/checkout', { preset: '3', interval: 'once' });
      assert.equal(notPreset.status, 400);
      const res = await client.postForm('/support/checkout', { custom: '12.50', interval: 'once' });
      assert.equal(res.status, 303);
      const sessionId = res.headers.get('location')!.split('/').pop()!;
      const [completed] = stripe.pay(sessionId);
      await deliver(completed!);
      await deliver(completed!);
      const rows = await t.deps.db.selectFrom('donations').selectAll().where('reader_id', '=', reader.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.amount, 1250);
      await t.jobs.settled();
      const mails = await listOutbox(t.deps.db, { to: reader.email, limit: 10 });
      assert.ok(mails.some((m) => /Thank you/.test(m.subject)));
    });

    test('the same event delivered at once to two apps on one database is processed exactly once', async () => {
      // PostgreSQL: a second process's own connection. SQLite: one process holds the file (the embedded mode); a
      // second app in it shares the connection, as a second process would wait on the file's lock.
      const other = dialect === 'postgres' ? await createDeps(t.config, { log: () => {} }) : null;
      try {
        const app2 = createApp(other ?? t.deps);
        const { reader, sessionId } = await subscribe();
        const events = stripe.pay(sessionId);
        const results = await Promise.all(events.flatMap((e) => [deliver(e), deliver(e, app2), deliver(e)]));
        const outcomes = await Promise.all(results.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
        assert.equal(outcomes.filter((o) => o === 'processed').length, events.length);
        assert.equal((await membershipsOfReader(t.deps.db, reader.id)).length, 1);
        assert.equal(await entitled(reader.id), 'paid');
      } finally {
        await other?.database.close();
      }
    });
  });

  describe(`payments off (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      const now = t.deps.clock();
      await insertTier(t.deps.db, {
        slug: 'gold',
        name: 'Gold',
        monthly_price: 800,
        yearly_price: null,
        created_at: now,
        updated_at: now,
      });
    });
    after(() => t.close());

    test('no payment buttons; checkout and webhooks answer 404; the Ukrainian page is in its words', async () => {
      const html = await (await t.request('/membership')).text();
      assert.match(html, /Gold/);
      assert.doesNotMatch(html, /Subscribe/);
      assert.match(html, /not open yet/);
      assert.doesNotMatch(await (await t.request('/support')).text(), /Continue to payment/);
      const post = await t.request('/membership/checkout', {
        method: 'POST',
        body: new URLSearchParams({ tier: '1', interval: 'month' }),
      });
      assert.equal(post.status, 404);
      assert.equal((await t.request('/webhooks/stripe', { method: 'POST', body: '{}' })).status, 404);
    });
  });
}
