import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { etagMatches } from '../http/conditional.js';
import { RenderCache, STALE_KEEP_MS } from './render-cache.js';

// Random hex barely compresses, so the byte budget is easy to reason about.
const page = (n: number, size = 2000) => Buffer.from(`<p>page ${n}</p>${randomBytes(size / 2).toString('hex')}`);

test('stores a page compressed both ways and serves the encoding the client accepts', async () => {
  const cache = new RenderCache(1 << 20);
  await cache.store(
    '/a',
    { status: 200, headers: [['content-type', 'text/html']], body: page(1), keys: ['story:1'] },
    cache.generation,
  );
  const br = cache.lookup('/a', 'gzip, deflate, br')!;
  const body = br.entry.url === '/a' ? brotliDecompressSync(br.body).toString() : '';
  assert.match(body, /^<p>page 1<\/p>[0-9a-f]{2000}$/);
  assert.equal(br.entry.keys[0], 'story:1');
  assert.equal(gunzipSync(cache.lookup('/a', 'gzip')!.body).toString(), body);
  assert.equal(cache.lookup('/a', undefined)!.body.toString(), body);
  assert.equal(cache.lookup('/b', 'br'), null);
});

test('a client without gzip or brotli costs one inflate per page, not one per request, and the copy is counted', async () => {
  const cache = new RenderCache(1 << 20);
  const body = page(3, 4000);
  await cache.store('/plain', { status: 200, headers: [], body, keys: ['home'] }, cache.generation);
  const before = cache.stats().bytes;
  assert.equal(cache.lookup('/plain', 'br, gzip')!.entry.identity, null, 'compressed clients make no plain copy');
  const first = cache.lookup('/plain', undefined)!;
  assert.deepEqual(first.body, body);
  assert.equal(cache.stats().bytes, before + body.length, 'the plain copy is in the budget');
  assert.equal(cache.lookup('/plain', 'identity')!.body, first.body, 'the same bytes, kept: no second inflate');
  cache.purge(['home']);
  assert.equal(cache.stats().bytes, 0, 'a purge frees it with the entry');
  assert.equal(cache.lookupStale('/plain', undefined)!.body, first.body, 'the stale copy keeps it too');
});

test('evicts the least recently used pages once the byte budget is spent', async () => {
  const cache = new RenderCache(40_000);
  for (let i = 0; i < 40; i++)
    await cache.store(
      `/p${i}`,
      { status: 200, headers: [], body: page(i, 3000 + i * 7), keys: [`story:${i}`] },
      cache.generation,
    );
  assert.ok(cache.stats().bytes <= 40_000);
  assert.ok(cache.stats().entries < 40, 'some pages were evicted');
  assert.equal(cache.has('/p0'), false, 'the oldest went first');
  assert.equal(cache.has('/p39'), true);
  const survivor = [...Array(40).keys()].find((i) => cache.has(`/p${i}`))!;
  cache.lookup(`/p${survivor}`, 'br'); // used now, so it outlives the next insertions
  for (let i = 40; i < 45; i++)
    await cache.store(`/p${i}`, { status: 200, headers: [], body: page(i, 3000), keys: [] }, cache.generation);
  assert.equal(cache.has(`/p${survivor}`), true);
});

test('a purge drops exactly the pages naming a key, and a render begun before it is not stored', async () => {
  const cache = new RenderCache(1 << 20);
  const gen = cache.generation;
  await cache.store('/home', { status: 200, headers: [], body: page(1), keys: ['home', 'story:1', 'story:2'] }, gen);
  await cache.store('/s/2', { status: 200, headers: [], body: page(2), keys: ['story:2'] }, gen);
  await cache.store('/s/3', { status: 200, headers: [], body: page(3), keys: ['story:3'] }, gen);
  const heard: (readonly string[])[] = [];
  cache.onPurge((keys) => heard.push(keys));
  assert.deepEqual(cache.purge(['story:2']).sort(), ['/home', '/s/2']);
  assert.equal(cache.has('/s/3'), true);
  assert.deepEqual(heard, [['story:2']]);
  assert.equal(
    await cache.store('/s/2', { status: 200, headers: [], body: page(2), keys: ['story:2'] }, gen),
    null,
    'stale render refused',
  );
  assert.equal(cache.has('/s/2'), false);
});

test('a hit honours q=0 the way http/encoding reads it', async () => {
  const cache = new RenderCache(1 << 20);
  await cache.store('/q', { status: 200, headers: [], body: page(7), keys: [] }, cache.generation);
  const enc = (accept: string) =>
    cache.lookup('/q', accept)!.headers.find(([k]) => k === 'Content-Encoding')?.[1] ?? null;
  assert.equal(enc('gzip;q=1.0, br;q=0'), 'gzip');
  assert.equal(enc('br;q=0, gzip;q=0'), null);
  assert.equal(enc('*;q=0'), null);
  assert.match(
    cache.lookup('/q', '*;q=0')!.body.toString(),
    /^<p>page 7<\/p>/,
    'refused codings leave the bytes as they are',
  );
});

test('If-None-Match is read the way browsers and CDNs send it', () => {
  assert.ok(etagMatches('"abc"', '"abc"'));
  assert.ok(etagMatches('"x", "abc-br"', '"abc"'));
  assert.ok(etagMatches('W/"abc-gz"', '"abc"'));
  assert.ok(!etagMatches('"abcd"', '"abc"'));
  assert.ok(!etagMatches(undefined, '"abc"'));
});

test('URLs with a query string are admitted on their second request, plain paths at once', () => {
  const cache = new RenderCache(1 << 20);
  assert.equal(cache.admit('/stories/a'), true);
  assert.equal(cache.admit('/?before=abc'), false, 'one-off cursors are not worth compressing');
  assert.equal(cache.admit('/?before=xyz'), false);
  assert.equal(cache.admit('/?before=abc'), true, 'asked for again: keep it');
});

test('keeps a purged page as a stale copy for a bounded time, never as a hit, until a fresh one replaces it', async () => {
  let now = 1_000_000;
  const cache = new RenderCache(1 << 20, () => now);
  const keep = (url: string, n: number) =>
    cache.store(url, { status: 200, headers: [], body: page(n), keys: ['home'] }, cache.generation);
  await keep('/', 1);
  assert.equal(cache.lookupStale('/', 'br'), null, 'a live page is no stale copy');
  cache.purge(['home']);
  assert.equal(cache.lookup('/', 'br'), null, 'purged: not a hit');
  assert.match(cache.lookupStale('/', undefined)!.body.toString(), /^<p>page 1<\/p>/);
  await keep('/', 2);
  assert.equal(cache.lookupStale('/', 'br'), null, 'a fresh render replaces the stale copy');
  cache.purge(['home']);
  now += STALE_KEEP_MS + 1;
  assert.equal(cache.lookupStale('/', 'br'), null, 'too old to serve even on a bad day');
});

test('a purge for a story taken down keeps no stale copy of the pages that showed it', async () => {
  const cache = new RenderCache(1 << 20);
  await cache.store('/', { status: 200, headers: [], body: page(1), keys: ['home'] }, cache.generation);
  cache.purge(['home']);
  assert.ok(cache.lookupStale('/', 'br'), 'an ordinary purge keeps one');
  await cache.store('/', { status: 200, headers: [], body: page(2), keys: ['home'] }, cache.generation);
  cache.purge(['home'], { keepStale: false });
  assert.equal(cache.lookupStale('/', 'br'), null);
  // A copy purged earlier and not rendered since goes too.
  await cache.store('/', { status: 200, headers: [], body: page(3), keys: ['home', 'story:9'] }, cache.generation);
  cache.purge(['home']);
  cache.purge(['story:9'], { keepStale: false });
  assert.equal(cache.lookupStale('/', 'br'), null);
});
