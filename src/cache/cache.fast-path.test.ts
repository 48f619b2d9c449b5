import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { serverWithCacheFastPath } from './cache.fast-path.js';

/** The production server: cache hits are answered on the Node request itself, with the same headers the app sends. */
for (const dialect of DIALECTS) {
  describe(`render cache fast path over real HTTP (${dialect})`, () => {
    let t: TestApp;
    let base: string;
    let close: () => Promise<void>;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect);
      sectionId = (await makeSection(t.deps, { name: 'Fast' })).id;
      await makeStory(t.deps, { headline: 'Served from memory', sectionId });
      await new Promise<void>((resolve) => {
        const server = serve(
          { fetch: t.app.fetch, port: 0, hostname: '127.0.0.1', createServer: serverWithCacheFastPath(t.deps) },
          (info: AddressInfo) => {
            base = `http://127.0.0.1:${info.port}`;
            close = () => new Promise((done) => server.close(() => done()));
            resolve();
          },
        );
      });
    });
    after(async () => {
      await close();
      await t.close();
    });

    test('a hit carries the page, its validators, its keys and every security header', async () => {
      const miss = await fetch(`${base}/sections/fast`);
      const html = await miss.text();
      assert.equal(miss.headers.get('x-cache'), 'MISS');
      await t.deps.cache.settled();
      const hit = await fetch(`${base}/sections/fast`, { headers: { 'accept-encoding': 'br' } });
      assert.equal(hit.headers.get('x-cache'), 'HIT');
      assert.equal(hit.headers.get('content-encoding'), 'br');
      assert.equal(await hit.text(), html, 'fetch decodes brotli back to the same page');
      for (const h of [
        'content-security-policy',
        'x-content-type-options',
        'referrer-policy',
        'x-frame-options',
        'x-request-id',
        'surrogate-key',
        'cache-tag',
        'cache-control',
        'etag',
      ])
        assert.ok(hit.headers.get(h), h);
      assert.match(hit.headers.get('content-type') ?? '', /text\/html/);
      const revalidate = await fetch(`${base}/sections/fast`, {
        headers: { 'accept-encoding': 'br', 'if-none-match': hit.headers.get('etag')! },
      });
      assert.equal(revalidate.status, 304);
      const personal = await fetch(`${base}/sections/fast`, { headers: { cookie: 'session=1' } });
      assert.equal(personal.headers.get('x-cache'), 'BYPASS');
      assert.equal(await personal.text(), html);
      // A signed-in reader's cookies make no page personal: the fast path serves them the shared copy.
      const reader = await fetch(`${base}/sections/fast`, { headers: { cookie: 'bs_reader=abc; bs_reader_on=1' } });
      assert.equal(reader.headers.get('x-cache'), 'HIT');
      assert.equal(await reader.text(), html);
      const mixed = await fetch(`${base}/sections/fast`, { headers: { cookie: 'bs_reader=abc; session=1' } });
      assert.equal(mixed.headers.get('x-cache'), 'BYPASS', 'any other cookie still does');
    });

    test('a hit sends the same headers whether the fast path or the app answers it', async () => {
      await (await fetch(`${base}/sections/fast`)).text();
      await t.deps.cache.settled();
      const perRequest = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);
      const headersOf = (res: Response) => [...res.headers].filter(([k]) => !perRequest.has(k)).sort();
      for (const accept of ['br', 'gzip', 'identity']) {
        const fast = await fetch(`${base}/sections/fast`, {
          headers: { 'accept-encoding': accept, 'x-request-id': 'r-1' },
        });
        const app = await t.request('/sections/fast', {
          headers: { 'accept-encoding': accept, 'x-request-id': 'r-1' },
        });
        assert.equal(fast.headers.get('x-cache'), 'HIT');
        assert.equal(app.headers.get('x-cache'), 'HIT');
        assert.equal(fast.headers.get('x-request-id'), 'r-1');
        assert.equal(app.headers.get('x-request-id'), 'r-1');
        assert.deepEqual(headersOf(fast), headersOf(app), accept);
        await fast.arrayBuffer();
        const etag = fast.headers.get('etag')!;
        const fast304 = await fetch(`${base}/sections/fast`, {
          headers: { 'accept-encoding': accept, 'if-none-match': etag },
        });
        const app304 = await t.request('/sections/fast', {
          headers: { 'accept-encoding': accept, 'if-none-match': etag },
        });
        assert.equal(fast304.status, 304);
        assert.equal(app304.status, 304);
        assert.deepEqual(headersOf(fast304), headersOf(app304), `${accept} 304`);
      }
    });

    test('each Accept-Encoding gets its own bytes, Content-Encoding and ETag, and a 304 for its own ETag', async () => {
      // node:http sends exactly the headers given (fetch would add its own Accept-Encoding) and decodes nothing.
      const raw = (headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
          (resolve, reject) => {
            const req = httpRequest(`${base}/sections/fast`, { headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
              );
            });
            req.on('error', reject);
            req.end();
          },
        );
      const page = (await raw({})).body;
      await t.deps.cache.settled();
      const cases: [Record<string, string>, string | undefined, (b: Buffer) => Buffer][] = [
        [{}, undefined, (b) => b],
        [{ 'accept-encoding': 'gzip' }, 'gzip', gunzipSync],
        [{ 'accept-encoding': 'br' }, 'br', brotliDecompressSync],
        [{ 'accept-encoding': 'br, gzip' }, 'br', brotliDecompressSync],
        [{ 'accept-encoding': 'gzip, deflate' }, 'gzip', gunzipSync],
      ];
      const etags = new Map<string | undefined, string>();
      for (const [headers, encoding, decode] of cases) {
        const hit = await raw(headers);
        const label = headers['accept-encoding'] ?? 'none';
        assert.equal(hit.headers['x-cache'], 'HIT', label);
        assert.equal(hit.headers['content-encoding'], encoding, label);
        assert.equal(hit.headers.vary, 'Accept-Encoding', label);
        assert.equal(Number(hit.headers['content-length']), hit.body.length, label);
        assert.deepEqual(decode(hit.body), page, label);
        const etag = String(hit.headers.etag);
        if (etags.has(encoding)) assert.equal(etags.get(encoding), etag, `${label}: one ETag per encoding`);
        etags.set(encoding, etag);
        const again = await raw({ ...headers, 'if-none-match': etag });
        assert.equal(again.status, 304, label);
        assert.equal(again.body.length, 0, label);
      }
      assert.equal(new Set(etags.values()).size, 3, 'identity, gzip and br each have their own ETag');
    });

    test('a feed reader polling with If-Modified-Since gets a 304 from the fast path, and the API keeps its CORS header on a hit', async () => {
      const first = await fetch(`${base}/feed.xml`);
      await first.text();
      await t.deps.cache.settled();
      const modified = first.headers.get('last-modified')!;
      assert.ok(modified);
      const poll = await fetch(`${base}/feed.xml`, { headers: { 'if-modified-since': modified } });
      assert.equal(poll.status, 304);
      assert.equal(poll.headers.get('x-cache'), 'HIT');
      assert.equal(poll.headers.get('last-modified'), modified);
      const older = await fetch(`${base}/feed.xml`, {
        headers: { 'if-modified-since': 'Thu, 01 Jan 2004 00:00:00 GMT' },
      });
      assert.equal(older.status, 200);
      assert.equal(older.headers.get('x-cache'), 'HIT');
      assert.match(await older.text(), /Served from memory/);
      const api = await fetch(`${base}/api/v1/stories`);
      await api.text();
      await t.deps.cache.settled();
      const apiHit = await fetch(`${base}/api/v1/stories`, { headers: { origin: 'https://reader.example' } });
      assert.equal(apiHit.headers.get('x-cache'), 'HIT');
      assert.equal(apiHit.headers.get('access-control-allow-origin'), '*');
    });

    test('a publish is visible on the very next request, not a cached one', async () => {
      await (await fetch(`${base}/`)).text();
      await t.deps.cache.settled();
      assert.equal((await fetch(`${base}/`)).headers.get('x-cache'), 'HIT');
      await makeStory(t.deps, { headline: 'Published just now', sectionId });
      const after = await fetch(`${base}/`);
      assert.notEqual(after.headers.get('x-cache'), 'HIT');
      assert.match(await after.text(), /Published just now/);
    });
  });
}
