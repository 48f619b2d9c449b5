import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';

for (const dialect of DIALECTS) {
  describe(`/healthz with HEALTH_DETAIL (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { env: { HEALTH_DETAIL: '1', SEED_DEMO: '1' } });
    });
    after(() => t.close());

    test("adds the render cache's figures and the process's memory, which benchmarks read", async () => {
      await getSettled(t, '/');
      await getSettled(t, '/');
      const res = await t.request('/healthz');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = (await res.json()) as {
        status: string;
        renderCache: { entries: number; bytes: number; hits: number; misses: number };
        memory: { rss: number; heapUsed: number };
      };
      assert.equal(body.status, 'ok');
      assert.ok(body.renderCache.entries >= 1, 'the home page is kept');
      assert.ok(body.renderCache.bytes > 0);
      assert.ok(body.renderCache.hits >= 1, 'the second request was a hit');
      assert.ok(body.renderCache.misses >= 1);
      assert.ok(body.memory.rss > body.memory.heapUsed);
    });
  });
}
