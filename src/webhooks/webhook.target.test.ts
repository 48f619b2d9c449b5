import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { signedIn } from '../../test/support/desk.js';
import { type HttpReceiver, startHttpReceiver } from '../../test/support/http-receiver.js';
import { startJobRunner } from '../jobs/job.runner.js';
import { webhookDeliveryJob } from './webhook.job.js';
import { startWebhookOutbox } from './webhook.outbox.js';
import { insertWebhook } from './webhook.repo.js';
import { createWebhook, listDeliveries, listWebhooks } from './webhook.service.js';

/** Every spelling of a non-public address that WHATWG URL accepts, and what it is. */
const REFUSED = (port: number): [url: string, reason: RegExp][] => [
  [`http://127.0.0.1:${port}/`, /127\.0\.0\.1 is a loopback address/],
  ['http://127.0.0.1:6379/', /loopback/],
  ['http://127.0.0.1:5432/', /loopback/],
  [`http://2130706433:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://0x7f.0.0.1:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://0x7f000001:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://0177.0.0.1:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://017700000001:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://127.1:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://127.0.0.1.:${port}/`, /127\.0\.0\.1 is a loopback address/],
  [`http://[::1]:${port}/`, /::1 is a loopback address/],
  [`http://[0:0:0:0:0:0:0:1]:${port}/`, /::1 is a loopback address/],
  [`http://[::ffff:127.0.0.1]:${port}/`, /is an IPv4-mapped IPv6 address/],
  [`http://localhost:${port}/`, /localhost is a loopback address/],
  [`http://LOCALHOST.:${port}/`, /localhost\. is a loopback address/],
  [`http://hooks.localhost:${port}/`, /hooks\.localhost is a loopback address/],
  [`http://0.0.0.0:${port}/`, /0\.0\.0\.0 is an unspecified address/],
  [`http://0:${port}/`, /0\.0\.0\.0 is an unspecified address/],
  [`http://[::]:${port}/`, /:: is an unspecified address/],
  ['http://10.0.0.1/', /a private address/],
  ['http://172.16.5.4/', /a private address/],
  ['http://192.168.0.1/', /a private address/],
  ['http://[fd00::1]/', /a private address/],
  ['http://169.254.169.254/latest/meta-data/', /a link-local address/],
  ['http://[fe80::1]/', /a link-local address/],
  ['http://100.64.0.1/', /a carrier-grade NAT address/],
  ['http://224.0.0.1/', /a multicast address/],
  ['http://[ff02::1]/', /a multicast address/],
  ['http://255.255.255.255/', /a reserved or broadcast address/],
];

/** A resolver with a fixed table, standing in for a DNS server an attacker controls. */
const fakeDns =
  (table: Record<string, LookupAddress[]>) =>
  async (host: string): Promise<LookupAddress[]> => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

const DNS = fakeDns({
  'rebind.test': [{ address: '127.0.0.1', family: 4 }],
  'rebind6.test': [{ address: '::1', family: 6 }],
  'mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'intranet.test': [{ address: '10.0.0.7', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  // One public address and one internal: refused, as the connection could take either.
  'mixed.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'hook.test': [{ address: '127.0.0.1', family: 4 }],
});

for (const dialect of DIALECTS) {
  describe(`webhook targets (${dialect})`, () => {
    let now = Date.UTC(2026, 4, 1);
    let strict: TestApp;
    let allowing: TestApp;
    let rx: HttpReceiver;
    let closedPort: number;
    before(async () => {
      strict = await createTestApp(dialect, { clock: () => now });
      allowing = await createTestApp(dialect, { clock: () => now, env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
      rx = await startHttpReceiver();
      const closed = await startHttpReceiver();
      closedPort = Number(new URL(closed.url).port);
      await closed.close();
    });
    after(async () => {
      await rx.close();
      await strict.close();
      await allowing.close();
    });
    beforeEach(async () => {
      for (const t of [strict, allowing]) {
        await t.deps.db.deleteFrom('webhooks').execute();
        await t.deps.db.deleteFrom('jobs').execute();
      }
      rx.received.length = 0;
    });

    /** Publishes a story and runs every delivery it makes until none is due. */
    async function publishAndDeliver(t: TestApp) {
      const runner = await startJobRunner(
        t.deps,
        [webhookDeliveryJob(t.deps, { maxAttempts: 3, retryBaseMs: 1000, resolveHost: DNS })],
        { pollMs: 0, eager: false, batch: 50 },
      );
      const outbox = startWebhookOutbox(t.deps, runner);
      try {
        await makeStory(t.deps, { headline: 'Sent where?', sectionId: (await makeSection(t.deps)).id });
        await outbox.settled();
        while ((await runner.tick()) > 0);
        now += 3600_000;
        assert.equal(await runner.tick(), 0, 'a refused delivery is not retried');
      } finally {
        await outbox.stop();
        await runner.stop();
      }
      return listDeliveries(t.deps.db, { limit: 100 });
    }

    test('an address in a non-public range, in any spelling, is refused when it is saved', async () => {
      for (const [url, reason] of REFUSED(Number(new URL(rx.url).port))) {
        await assert.rejects(
          createWebhook(strict.deps, { url }),
          (e: { status?: number; message: string }) =>
            e.status === 400 &&
            /^Webhook address refused: /.test(e.message) &&
            reason.test(e.message) &&
            /WEBHOOKS_ALLOW_PRIVATE=true/.test(e.message),
          url,
        );
      }
      assert.deepEqual(await listWebhooks(strict.deps.db), []);
      for (const url of [
        'https://example.org/hook',
        'http://8.8.8.8/',
        'http://[2001:4860::8888]/',
        'http://172.32.0.1/',
      ])
        await createWebhook(strict.deps, { url });
      // A name is judged on what it resolves to when a delivery connects, not when it is saved.
      await createWebhook(strict.deps, { url: 'http://rebind.test/' });
      assert.equal((await listWebhooks(strict.deps.db)).length, 5);
    });

    test('at delivery, a target that is or resolves to a non-public address is refused without connecting', async () => {
      const port = Number(new URL(rx.url).port);
      // Saved before this rule, or while the newsroom allowed private targets.
      const urls = [
        ...REFUSED(port).map(([url]) => url),
        `http://127.0.0.1:${closedPort}/`,
        `http://rebind.test:${port}/`,
        `http://rebind6.test:${port}/`,
        `http://mapped.test:${port}/`,
        'http://intranet.test/',
        'http://metadata.test/latest/meta-data/',
        `http://mixed.test:${port}/`,
      ];
      for (const url of urls)
        await insertWebhook(strict.deps.db, {
          url,
          secret: 'a-test-secret-of-enough-length',
          events: '["story.published"]',
          now,
        });
      const deliveries = await publishAndDeliver(strict);
      assert.equal(deliveries.length, urls.length);
      assert.equal(rx.received.length, 0, 'nothing reached the loopback receiver');
      const hooks = new Map((await listWebhooks(strict.deps.db)).map((h) => [h.id, h.url]));
      for (const d of deliveries) {
        const url = hooks.get(d.webhookId);
        assert.equal(d.status, 'refused', url);
        assert.equal(d.attempts, 1, url);
        assert.equal(d.log.length, 1, url);
        assert.equal(d.log[0]!.statusCode, null, url);
        assert.match(
          d.log[0]!.error,
          /^refused: \S+ (is|resolves to) an? [a-zA-Z0-9 -]+ address; webhooks may only reach public addresses/,
          url,
        );
        assert.doesNotMatch(d.log[0]!.error, /ECONNREFUSED|port|timeout/i, url);
      }
      const errorFor = (url: string) => deliveries.find((d) => hooks.get(d.webhookId) === url)!.log[0]!.error;
      assert.match(errorFor(`http://rebind.test:${port}/`), /rebind\.test resolves to a loopback address/);
      assert.match(errorFor(`http://mapped.test:${port}/`), /mapped\.test resolves to an IPv4-mapped IPv6 address/);
      assert.match(errorFor('http://metadata.test/latest/meta-data/'), /resolves to a link-local address/);
      assert.match(errorFor(`http://mixed.test:${port}/`), /resolves to a loopback address/);
      // An open port and a closed one read the same: the log tells an operator nothing about what listens.
      assert.equal(errorFor(`http://127.0.0.1:${port}/`), errorFor(`http://127.0.0.1:${closedPort}/`));
      assert.equal(errorFor(`http://127.0.0.1:${port}/`), errorFor('http://127.0.0.1:6379/'));
      const page = await (await signedIn(strict, 'admin')).get('/desk/settings/webhooks');
      assert.match(await page.text(), /<td>refused<\/td>/);
    });

    test('with WEBHOOKS_ALLOW_PRIVATE, a private target is delivered to the address its name resolved to', async () => {
      const port = Number(new URL(rx.url).port);
      await createWebhook(allowing.deps, { url: `http://hook.test:${port}/in` });
      await createWebhook(allowing.deps, { url: `http://2130706433:${port}/literal` });
      const deliveries = await publishAndDeliver(allowing);
      assert.deepEqual(
        deliveries.map((d) => d.status),
        ['delivered', 'delivered'],
      );
      assert.deepEqual(rx.received.map((r) => [r.path, r.headers.host]).sort(), [
        ['/in', `hook.test:${port}`],
        ['/literal', `127.0.0.1:${port}`],
      ]);
    });
  });
}
