import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { serverWithCacheFastPath } from '../cache/cache.fast-path.js';
import { STRICT_TRANSPORT_SECURITY } from './security.js';

/** A test app served as in production: over real HTTP, cache hits answered by the fast path. */
async function served(t: TestApp): Promise<{ base: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: t.app.fetch, port: 0, hostname: '127.0.0.1', createServer: serverWithCacheFastPath(t.deps) },
      (info: AddressInfo) =>
        resolve({
          base: `http://127.0.0.1:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        }),
    );
  });
}

/** What each kind of answer says about HSTS: a page (miss), a cached hit, a 304 of each path, a desk page, a 404. */
async function hstsOfEveryAnswer(t: TestApp, base: string): Promise<Record<string, string | null>> {
  const hsts = (res: Response) => res.headers.get('strict-transport-security');
  const miss = await fetch(`${base}/sections/safe`);
  await miss.arrayBuffer();
  assert.equal(miss.headers.get('x-cache'), 'MISS');
  await t.deps.cache.settled();
  const hit = await fetch(`${base}/sections/safe`);
  await hit.arrayBuffer();
  assert.equal(hit.headers.get('x-cache'), 'HIT');
  const etag = hit.headers.get('etag')!;
  const hit304 = await fetch(`${base}/sections/safe`, { headers: { 'if-none-match': etag } });
  assert.equal(hit304.status, 304);
  // The same 304 from the app's own middleware (app.request does not go through the Node server's fast path).
  const app304 = await t.request('/sections/safe', { headers: { 'if-none-match': etag } });
  assert.equal(app304.status, 304);
  const desk = await fetch(`${base}/desk/login`);
  await desk.arrayBuffer();
  const missing = await fetch(`${base}/no-such-page`);
  await missing.arrayBuffer();
  assert.equal(missing.status, 404);
  return {
    page: hsts(miss),
    hit: hsts(hit),
    hit304: hsts(hit304),
    app304: hsts(app304),
    desk: hsts(desk),
    notFound: hsts(missing),
  };
}

const everywhere = (value: string | null) =>
  Object.fromEntries(['page', 'hit', 'hit304', 'app304', 'desk', 'notFound'].map((k) => [k, value]));

for (const dialect of DIALECTS) {
  describe(`Strict-Transport-Security (${dialect})`, () => {
    const cases: { name: string; env: Record<string, string>; want: string | null }[] = [
      {
        name: 'https PUBLIC_URL in production: on every answer, cached hits and 304s included',
        env: { PUBLIC_URL: 'https://news.test', NODE_ENV: 'production' },
        want: STRICT_TRANSPORT_SECURITY,
      },
      {
        name: 'http PUBLIC_URL in production: never',
        env: { PUBLIC_URL: 'http://news.test', NODE_ENV: 'production' },
        want: null,
      },
      {
        name: 'https PUBLIC_URL outside production: never (it would pin a laptop or staging host to https)',
        env: { PUBLIC_URL: 'https://news.test', NODE_ENV: 'development' },
        want: null,
      },
    ];
    for (const c of cases) {
      describe(c.name, () => {
        let t: TestApp;
        let server: { base: string; close: () => Promise<void> };
        before(async () => {
          t = await createTestApp(dialect, { env: c.env });
          const sectionId = (await makeSection(t.deps, { name: 'Safe' })).id;
          await makeStory(t.deps, { headline: 'Over https', sectionId });
          server = await served(t);
        });
        after(async () => {
          await server.close();
          await t.close();
        });
        test(c.want ? `sends ${c.want}` : 'sends none', async () => {
          assert.deepEqual(await hstsOfEveryAnswer(t, server.base), everywhere(c.want));
        });
      });
    }
  });
}
