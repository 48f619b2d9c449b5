import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient, signedIn } from '../../test/support/desk.js';
import { jobById } from './job.repo.js';
import { startJobRunner } from './job.runner.js';
import { defineJob } from './job.types.js';

for (const dialect of DIALECTS) {
  describe(`desk jobs page (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 6, 1, 12);
    let failing = true;
    const job = defineJob({
      kind: 'test.desk',
      payload: z.object({}).passthrough(),
      maxAttempts: 1,
      async run() {
        if (failing) throw new Error('The <receiver> said no');
      },
    });
    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
    });
    after(() => t.close());
    beforeEach(async () => {
      await t.deps.db.deleteFrom('jobs').execute();
    });

    test('only owners and admins reach the page, linked from their desk navigation', async () => {
      const anon = await deskClient(t).get('/desk/jobs');
      assert.equal(anon.status, 303);
      assert.match(anon.headers.get('location') ?? '', /^\/desk\/login\?next=/);
      for (const role of ['editor', 'author', 'contributor'] as const) {
        const c = await signedIn(t, role);
        assert.equal((await c.get('/desk/jobs')).status, 403, role);
        assert.doesNotMatch(await (await c.get('/desk')).text(), /href="\/desk\/jobs"/, role);
      }
      for (const role of ['owner', 'admin'] as const) {
        const c = await signedIn(t, role);
        assert.match(await (await c.get('/desk')).text(), /<a href="\/desk\/jobs">Jobs<\/a>/, role);
        assert.equal((await c.get('/desk/jobs')).status, 200, role);
      }
    });

    test('lists queued and failed jobs with tries, next run and last error; a failed one is retried now', async () => {
      const runner = await startJobRunner(t.deps, [job], { pollMs: 0 });
      const broken = (await runner.enqueue(t.deps.db, { kind: 'test.desk' }))!;
      await runner.tick();
      const later = (await runner.enqueue(t.deps.db, { kind: 'test.other', runAt: now + 3600_000 }))!;
      const c = await signedIn(t, 'admin');
      let html = await (await c.get('/desk/jobs')).text();
      const row = (id: number) => new RegExp(`<tr data-job-id="${id}"[^>]*>(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
      assert.match(row(broken), /<code>test\.desk<\/code><\/td><td>failed<\/td><td>1 of 1<\/td>/);
      assert.match(row(broken), /The &lt;receiver&gt; said no/, 'the error, escaped');
      assert.match(row(broken), /<button type="submit" class="secondary">Retry now<\/button>/);
      assert.match(row(later), /<td>queued<\/td><td>0 of 5<\/td><td>2026-07-01 13:00:00 UTC<\/td>/);
      assert.doesNotMatch(row(later), /Retry now/, 'only failed jobs can be retried');
      assert.match(html, /1 queued, 0 running, 1 failed, 0 done recently/);

      const noToken = await c.postForm(`/desk/jobs/${broken}/retry`, { _csrf: '' });
      assert.equal(noToken.status, 403);
      assert.equal((await jobById(t.deps.db, broken))!.status, 'failed');

      now += 60_000;
      const retried = await c.postForm(`/desk/jobs/${broken}/retry`, {});
      assert.equal(retried.status, 303);
      assert.equal(retried.headers.get('location'), `/desk/jobs?retried=${broken}`);
      const queued = (await jobById(t.deps.db, broken))!;
      assert.deepEqual([queued.status, queued.attempts, queued.run_at], ['queued', 0, now]);
      html = await (await c.get(`/desk/jobs?retried=${broken}`)).text();
      assert.match(html, new RegExp(`Job ${broken} is queued again`));
      assert.equal((await c.postForm(`/desk/jobs/${broken}/retry`, {})).status, 409, 'not failed any more');
      assert.equal((await c.postForm('/desk/jobs/99999/retry', {})).status, 404);
      assert.equal((await c.postForm('/desk/jobs/abc/retry', {})).status, 404);

      failing = false;
      assert.equal(await runner.tick(), 1);
      assert.equal((await jobById(t.deps.db, broken))!.status, 'done');
      html = await (await c.get('/desk/jobs')).text();
      assert.doesNotMatch(html, new RegExp(`data-job-id="${broken}"`), 'done jobs are not listed');
      assert.match(html, /1 queued, 0 running, 0 failed, 1 done recently/);
      await runner.stop();
    });
  });
}
