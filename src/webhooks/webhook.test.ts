import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createDeps } from '../boot.js';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { type HttpReceiver, startHttpReceiver } from '../../test/support/http-receiver.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { updateStory } from '../stories/story.service.js';
import { parseInput } from '../lib/parse-input.js';
import { WebhookSchema } from './webhook.input.js';
import { createWebhook, deleteWebhook, listDeliveries, setWebhookActive } from './webhook.service.js';
import type { AppDeps } from '../app.deps.js';
import { startJobRunner } from '../jobs/job.runner.js';
import { type DeliveryOptions, WEBHOOK_DELIVER, webhookDeliveryJob } from './webhook.job.js';
import { startWebhookOutbox } from './webhook.outbox.js';

/** What one process runs for webhooks: the job runner with the delivery handler, and the outbox listener. */
interface WebhookWorker {
  tick(): Promise<number>;
  settled(): Promise<void>;
  stop(): Promise<void>;
}

async function startWebhookWorker(
  deps: AppDeps,
  o: DeliveryOptions & { batch?: number; sendOnEvent?: boolean } = {},
): Promise<WebhookWorker> {
  const runner = await startJobRunner(deps, [webhookDeliveryJob(deps, o)], {
    pollMs: 0,
    batch: o.batch,
    eager: o.sendOnEvent ?? true,
  });
  const outbox = startWebhookOutbox(deps, runner);
  return {
    tick: runner.tick,
    async settled() {
      await outbox.settled();
      await runner.settled();
    },
    async stop() {
      await outbox.stop();
      await runner.stop();
    },
  };
}

/** The shared loopback receiver, answering with the next status in its script (then 200). */
async function receiver(): Promise<HttpReceiver & { script: number[] }> {
  const rx = Object.assign(await startHttpReceiver(), { script: [] as number[] });
  rx.respond = () => ({ status: rx.script.shift() ?? 200, body: 'ok' });
  return rx;
}

const hmac = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

for (const dialect of DIALECTS) {
  describe(`webhooks (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 4, 1);
    let rx: Awaited<ReturnType<typeof receiver>>;
    let worker: WebhookWorker;
    let sectionId: number;
    const secret = 'a-test-secret-of-enough-length';
    before(async () => {
      // The receiver is on loopback: this newsroom allows private targets (webhook.target.test.ts: the default).
      t = await createTestApp(dialect, { clock: () => now, env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
      rx = await receiver();
      sectionId = (await makeSection(t.deps)).id;
      // The test drives this worker with tick() and moves the clock itself.
      worker = await startWebhookWorker(t.deps, { maxAttempts: 3, retryBaseMs: 1000, sendOnEvent: false });
    });
    after(async () => {
      await worker.stop();
      await rx.close();
      await t.close();
    });
    beforeEach(async () => {
      await t.deps.db.deleteFrom('webhooks').execute();
      await t.deps.db.deleteFrom('jobs').execute();
      rx.received.length = 0;
      rx.script.length = 0;
    });

    test('a published story is POSTed, signed; a failed first try is retried after a backoff', async () => {
      const hook = await createWebhook(t.deps, { url: rx.url, secret });
      rx.script.push(500);
      const story = await makeStory(t.deps, { headline: 'Webhook story', sectionId });
      await worker.settled();
      await worker.tick();
      assert.equal(rx.received.length, 1, 'first attempt made (and failed with 500)');
      assert.equal(await worker.tick(), 0, 'not due again before the backoff');
      now += 1000;
      assert.equal(await worker.tick(), 1);
      assert.equal(rx.received.length, 2);
      const { body, headers } = rx.received[1]!;
      assert.equal(headers['x-broadsheet-signature'], hmac(body, secret));
      assert.equal(headers['x-broadsheet-event'], 'story.published');
      assert.equal(headers['content-type'], 'application/json');
      assert.equal(rx.received[0]!.body, body, 'a retry sends the same bytes');
      const payload = JSON.parse(body);
      assert.equal(payload.event, 'story.published');
      assert.equal(payload.story.id, story.id);
      assert.equal(payload.story.url, `http://news.test/stories/${story.slug}`);
      const [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.status, 'delivered');
      assert.equal(d!.attempts, 2);
      assert.deepEqual(
        d!.log.map((a) => [a.attempt, a.statusCode, a.error]),
        [
          [1, 500, 'HTTP 500'],
          [2, 200, ''],
        ],
      );
      assert.ok(d!.log.every((a) => a.durationMs >= 0));
      assert.equal(hook.secretHint, '…ngth');
    });

    test('a worker that hears the event sends it at once, without waiting for a poll', async () => {
      const eager = await startWebhookWorker(t.deps);
      try {
        await createWebhook(t.deps, { url: rx.url, secret });
        await makeStory(t.deps, { headline: 'Sent at once', sectionId });
        await eager.settled();
        assert.equal(rx.received.length, 1);
        assert.equal(JSON.parse(rx.received[0]!.body).story.headline, 'Sent at once');
      } finally {
        await eager.stop();
      }
    });

    test('updated and unpublished are sent to the webhooks that asked for them; inactive ones get nothing', async () => {
      const all = await createWebhook(t.deps, { url: rx.url, secret });
      const onlyUnpublished = await createWebhook(t.deps, {
        url: `${rx.url}?only=unpublished`,
        secret,
        events: ['story.unpublished'],
      });
      const off = await createWebhook(t.deps, { url: `${rx.url}?off`, secret });
      await setWebhookActive(t.deps, off.id, false);
      // Each event's deliveries are written before the next event (the listeners run concurrently, and the
      // published/updated payload takes more queries to build than the unpublished one: under load they can overtake).
      const story = await makeStory(t.deps, { headline: 'Lifecycle', sectionId });
      await worker.settled();
      now += 10;
      await updateStory(t.deps, story.id, { dek: 'changed' }, 'test');
      await worker.settled();
      now += 10;
      await updateStory(t.deps, story.id, { status: 'draft' }, 'test');
      await makeStory(t.deps, { headline: 'Never published', status: 'draft', sectionId });
      await worker.settled();
      while ((await worker.tick()) > 0);
      const events = (id: number) =>
        listDeliveries(t.deps.db, { webhookId: id }).then((ds) => ds.map((d) => d.event).reverse());
      assert.deepEqual(await events(all.id), ['story.published', 'story.updated', 'story.unpublished']);
      assert.deepEqual(await events(onlyUnpublished.id), ['story.unpublished']);
      assert.deepEqual(await events(off.id), []);
      assert.equal(rx.received.length, 4);
      assert.ok(rx.received.every((g) => g.headers['x-broadsheet-signature'] === hmac(g.body, secret)));
    });

    test('retries back off exponentially and stop after the last attempt', async () => {
      const hook = await createWebhook(t.deps, { url: rx.url, secret });
      rx.script.push(503, 503, 503, 503);
      await makeStory(t.deps, { headline: 'Always failing', sectionId });
      await worker.settled();
      const start = now;
      await worker.tick();
      let [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.nextAttemptAt - start, 1000);
      now += 1000;
      await worker.tick();
      [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.nextAttemptAt - now, 2000, 'the wait doubles');
      now += 2000;
      await worker.tick();
      now += 100_000;
      assert.equal(await worker.tick(), 0, 'nothing left to try');
      [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.status, 'failed');
      assert.deepEqual(
        d!.log.map((a) => a.statusCode),
        [503, 503, 503],
      );
      assert.equal(rx.received.length, 3);
    });

    test('an unreachable receiver is logged as an error, not a crash', async () => {
      const closed = await receiver();
      await closed.close();
      const hook = await createWebhook(t.deps, { url: closed.url, secret });
      await makeStory(t.deps, { headline: 'Nobody listening', sectionId });
      await worker.settled();
      await worker.tick();
      const [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.status, 'pending');
      assert.equal(d!.log[0]!.statusCode, null);
      assert.match(d!.log[0]!.error, /ECONNREFUSED|fetch failed/);
    });

    test('deliveries survive a restart, and two processes never send one twice', async () => {
      const hook = await createWebhook(t.deps, { url: rx.url, secret });
      // The outbox row is written, then "the process dies" before any worker runs.
      for (let i = 0; i < 6; i++) await makeStory(t.deps, { headline: `Queued ${i}`, sectionId });
      await worker.settled();
      // Two more processes on the same database, each with its own connection and worker.
      const others = await Promise.all([0, 1].map(() => createDeps(t.config, { clock: () => now, log: () => {} })));
      const workers = await Promise.all(others.map((deps) => startWebhookWorker(deps, { batch: 10 })));
      try {
        const sent = await Promise.all([...workers, worker].map((w) => w.tick()));
        assert.equal(
          sent.reduce((a, b) => a + b, 0),
          6,
        );
        assert.equal(rx.received.length, 6, 'each delivery sent exactly once');
        assert.equal(new Set(rx.received.map((g) => g.headers['x-broadsheet-delivery'])).size, 6);
        const ds = await listDeliveries(t.deps.db, { webhookId: hook.id });
        assert.ok(ds.every((d) => d.status === 'delivered' && d.attempts === 1));
        // The same event heard by every process is enqueued once.
        const story = await makeStory(t.deps, { headline: 'Heard everywhere', sectionId });
        const event = { type: 'story.updated' as const, id: story.id, actor: 'test' };
        for (const deps of others) deps.events.publish(event);
        t.deps.events.publish(event);
        await Promise.all([...workers, worker].map((w) => w.settled()));
        const updated = (await listDeliveries(t.deps.db, { webhookId: hook.id })).filter(
          (d) => d.event === 'story.updated',
        );
        assert.equal(updated.length, 1);
      } finally {
        for (const w of workers) await w.stop();
        for (const deps of others) await deps.database.close();
      }
    });

    test('a claim left by a crashed worker is taken over after its lease', async () => {
      const hook = await createWebhook(t.deps, { url: rx.url, secret });
      await makeStory(t.deps, { headline: 'Crashed mid-send', sectionId });
      await worker.settled();
      // Its job was claimed (first try) by a runner that then died.
      const job = await t.deps.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, locked_until: now + 60_000 })
        .where('kind', '=', WEBHOOK_DELIVER)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      assert.equal(Number(job.numUpdatedRows), 1);
      assert.equal(await worker.tick(), 0, 'still held');
      now += 60_001;
      assert.equal(await worker.tick(), 1);
      const [d] = await listDeliveries(t.deps.db, { webhookId: hook.id });
      assert.equal(d!.status, 'delivered');
      assert.equal(d!.attempts, 2);
    });

    test('configuration is validated; removing a webhook removes its log', async () => {
      for (const bad of [
        { url: 'javascript:alert(1)' },
        { url: 'ftp://example.org/x' },
        { url: 'not a url' },
        { url: rx.url, events: ['story.deleted'] },
        { url: rx.url, events: [] },
        { url: rx.url, secret: 'short' },
      ]) {
        // The desk and the CLI parse a webhook with its schema at their edge.
        assert.throws(
          () => parseInput(WebhookSchema, bad),
          (e: { status?: number }) => e.status === 400,
          JSON.stringify(bad),
        );
      }
      const hook = await createWebhook(t.deps, { url: rx.url });
      assert.ok(hook.secret.length >= 32, 'a generated secret');
      await makeStory(t.deps, { headline: 'To be forgotten', sectionId });
      await worker.settled();
      await worker.tick();
      await deleteWebhook(t.deps.db, hook.id);
      assert.deepEqual(await listDeliveries(t.deps.db, { webhookId: hook.id }), []);
      await assert.rejects(deleteWebhook(t.deps.db, hook.id), (e: { status?: number }) => e.status === 404);
    });
  });
}
