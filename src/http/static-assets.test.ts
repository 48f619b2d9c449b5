import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { strongEtag } from './conditional.js';
import { AppError } from './errors.js';
import { IMMUTABLE, StaticAssets, contentVersion } from './static-assets.js';

const css = Buffer.from('body { color: #123456; }\n'.repeat(50));

function appWith(assets: StaticAssets) {
  const app = new Hono();
  assets.serve(app);
  // As the app's onError answers (http/app.tsx), without its error page.
  app.onError((err, c) => c.text(err.message, err instanceof AppError ? (err.status as 404) : 500));
  return app;
}

test('a file read at load has a versioned URL at once, served immutable and compressed by the one parser', async () => {
  const assets = new StaticAssets('/s', [{ name: 'a.css', body: css }]);
  const url = assets.url('a.css');
  assert.equal(url, `/s/a.${contentVersion(strongEtag(css))}.css`);
  assert.match(url, /^\/s\/a\.[0-9a-f]{10}\.css$/);
  const app = appWith(assets);
  const br = await app.request(url, { headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(br.status, 200);
  assert.equal(br.headers.get('cache-control'), IMMUTABLE);
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(br.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal(br.headers.get('vary'), 'Accept-Encoding');
  assert.deepEqual(brotliDecompressSync(Buffer.from(await br.arrayBuffer())), css);
  const gz = await app.request(url, { headers: { 'accept-encoding': 'br;q=0, gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip', 'q=0 refuses brotli');
  assert.deepEqual(gunzipSync(Buffer.from(await gz.arrayBuffer())), css);
  const plain = await app.request(url, { headers: { 'accept-encoding': '*;q=0' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.deepEqual(Buffer.from(await plain.arrayBuffer()), css);
  assert.notEqual(br.headers.get('etag'), plain.headers.get('etag'), 'each encoding has its own strong tag');
  assert.equal(plain.headers.get('etag'), strongEtag(css), 'the one ETag of the app');
});

test('ETag/304 in any encoding; the bare name is revalidated; a stale or unknown name finds nothing', async () => {
  const assets = new StaticAssets('/s', [{ name: 'a.js', body: Buffer.from('console.log(1);') }]);
  const app = appWith(assets);
  const first = await app.request('/s/a.js', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  assert.equal(first.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const again = await app.request(assets.url('a.js'), { headers: { 'if-none-match': first.headers.get('etag')! } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('content-type'), null);
  assert.equal((await app.request('/s/a.0123456789.js')).status, 404);
  assert.equal((await app.request('/s/b.js')).status, 404);
  assert.throws(() => new StaticAssets('/s', [{ name: 'a.txt', body: Buffer.from('') }]), /content type/);
});

test('a built file is made once, on first use, gets a versioned URL after, and a failed build is retried', async () => {
  let builds = 0;
  const assets = new StaticAssets('/b', [
    {
      name: 'x.js',
      build: async () => {
        builds++;
        if (builds === 1) throw new Error('esbuild failed');
        return Buffer.from(`export const n = ${builds};`);
      },
    },
  ]);
  assert.equal(assets.url('x.js'), '/b/x.js', 'not built yet: its bare name');
  const app = appWith(assets);
  assert.equal((await app.request('/b/x.js')).status, 500);
  const [one, two] = await Promise.all([app.request('/b/x.js'), app.request('/b/x.js')]);
  assert.equal(await one.text(), 'export const n = 2;');
  assert.equal(await two.text(), 'export const n = 2;');
  assert.equal(builds, 2);
  assert.match(assets.url('x.js'), /^\/b\/x\.[0-9a-f]{10}\.js$/);
  assert.equal((await app.request(assets.url('x.js'))).headers.get('cache-control'), IMMUTABLE);
});
