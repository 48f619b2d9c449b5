import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { listWebhooks } from './webhook.service.js';
import { startJobRunner } from '../jobs/job.runner.js';
import { webhookDeliveryJob } from './webhook.job.js';
import { startWebhookOutbox } from './webhook.outbox.js';

for (const dialect of DIALECTS) {
  describe(`desk webhook settings (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      // The log test delivers to loopback port 9: this newsroom allows private targets.
      t = await createTestApp(dialect, { env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
    });
    after(() => t.close());

    test('only owners and admins reach the page', async () => {
      const anon = deskClient(t);
      const redirected = await anon.get('/desk/settings/webhooks');
      assert.equal(redirected.status, 303);
      assert.match(redirected.headers.get('location') ?? '', /^\/desk\/login\?next=/);
      for (const role of ['editor', 'author', 'contributor'] as const) {
        const c = await signedIn(t, role);
        assert.equal((await c.get('/desk/settings/webhooks')).status, 403, role);
        assert.equal(
          (await c.postForm('/desk/settings/webhooks', { url: 'https://example.org/x', events: 'story.published' }))
            .status,
          403,
          role,
        );
      }
      assert.deepEqual(await listWebhooks(t.deps.db), []);
      for (const role of ['owner', 'admin'] as const) {
        const c = await signedIn(t, role);
        assert.match(
          await (await c.get('/desk')).text(),
          /<a href="\/desk\/settings\/webhooks">Webhooks<\/a>/,
          'linked from the desk navigation',
        );
        assert.equal((await c.get('/desk/settings/webhooks')).status, 200, role);
      }
      assert.doesNotMatch(await (await (await signedIn(t, 'editor')).get('/desk')).text(), /settings\/webhooks/);
    });

    test('an admin adds a webhook (secret shown once), switches it off and on, reads the log and removes it', async () => {
      const c = await signedIn(t, 'admin');
      const bad = await c.postForm('/desk/settings/webhooks', {
        url: 'javascript:alert(1)',
        events: 'story.published',
      });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /must start with http/);
      const noToken = await c.postForm('/desk/settings/webhooks', { _csrf: '', url: 'https://example.org/x' });
      assert.equal(noToken.status, 403);
      const added = await c.postForm('/desk/settings/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        events: ['story.published', 'story.updated'],
      });
      assert.equal(added.status, 200);
      const html = await added.text();
      const secret = /Its secret is <code>([^<]+)<\/code>/.exec(html)?.[1];
      assert.ok(secret && secret.length >= 32);
      const [hook] = await listWebhooks(t.deps.db);
      assert.deepEqual(hook!.events, ['story.published', 'story.updated']);
      assert.ok(!(await (await c.get('/desk/settings/webhooks')).text()).includes(secret!), 'never shown again');

      assert.equal((await c.postForm(`/desk/settings/webhooks/${hook!.id}/disable`, {})).status, 303);
      assert.equal((await listWebhooks(t.deps.db))[0]!.active, false);
      await c.postForm(`/desk/settings/webhooks/${hook!.id}/enable`, {});
      assert.equal((await listWebhooks(t.deps.db))[0]!.active, true);

      // Port 9 on loopback refuses: the attempt and its error show in the log.
      const runner = await startJobRunner(t.deps, [webhookDeliveryJob(t.deps)], { pollMs: 0 });
      const outbox = startWebhookOutbox(t.deps, runner);
      await makeStory(t.deps, { headline: 'Logged delivery', sectionId: (await makeSection(t.deps)).id });
      await outbox.stop();
      await runner.stop();
      const log = await (await c.get('/desk/settings/webhooks')).text();
      assert.match(log, /<td>story\.published<\/td><td>pending<span class="hint"> — next try/);
      assert.match(log, /no answer in \d+ ms — /);

      assert.equal((await c.postForm(`/desk/settings/webhooks/${hook!.id}/remove`, {})).status, 303);
      assert.deepEqual(await listWebhooks(t.deps.db), []);
      assert.equal((await c.postForm('/desk/settings/webhooks/999/remove', {})).status, 404);
      assert.equal((await c.postForm('/desk/settings/webhooks/1/explode', {})).status, 404);
    });

    test('by default, an address on loopback or a private network is refused with a message', async () => {
      const strict = await createTestApp(dialect);
      try {
        const c = await signedIn(strict, 'admin');
        for (const url of ['http://2130706433:6379/', 'http://[::ffff:127.0.0.1]:5432/', 'http://10.0.0.5/hook']) {
          const res = await c.postForm('/desk/settings/webhooks', { url, events: 'story.published' });
          assert.equal(res.status, 400, url);
          const html = await res.text();
          assert.match(
            html,
            /Webhook address refused: [^<]+ is an? [a-zA-Z0-9 -]+ address; webhooks may only reach public/,
          );
          assert.match(html, /WEBHOOKS_ALLOW_PRIVATE=true/);
        }
        assert.deepEqual(await listWebhooks(strict.deps.db), []);
        const ok = await c.postForm('/desk/settings/webhooks', {
          url: 'https://example.org/x',
          events: 'story.published',
        });
        assert.equal(ok.status, 200);
      } finally {
        await strict.close();
      }
    });
  });
}
