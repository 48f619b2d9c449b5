import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { etagMatches, sendConditional, strongEtag } from './conditional.js';

const LAST = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function app(body = 'hello') {
  const a = new Hono();
  a.get('/x', (c) =>
    sendConditional(c, { body, contentType: 'text/plain', lastModified: LAST, cacheControl: 'public, max-age=60' }),
  );
  a.get('/no-date', (c) => sendConditional(c, { body, contentType: 'text/plain', cacheControl: 'no-cache' }));
  return a;
}

test('a full answer carries a strong ETag, Last-Modified (whole seconds) and Cache-Control', async () => {
  const res = await app().request('/x');
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'hello');
  assert.equal(res.headers.get('etag'), strongEtag('hello'));
  assert.ok(!res.headers.get('etag')!.startsWith('W/'));
  assert.equal(res.headers.get('last-modified'), 'Fri, 02 Jan 2026 03:04:05 GMT');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
  assert.notEqual(strongEtag('hello'), strongEtag('hello!'));
});

test('If-None-Match: a matching tag (in a list, weak or *) is a 304 without a body; another is a 200', async () => {
  const etag = strongEtag('hello');
  for (const inm of [etag, `"a", ${etag}`, `W/${etag}`, '*']) {
    const res = await app().request('/x', { headers: { 'if-none-match': inm } });
    assert.equal(res.status, 304, inm);
    assert.equal(await res.text(), '');
    assert.equal(res.headers.get('etag'), etag);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
  }
  assert.equal((await app('changed').request('/x', { headers: { 'if-none-match': etag } })).status, 200);
});

test('If-Modified-Since: same or later is a 304, earlier or malformed is a 200, and If-None-Match takes precedence', async () => {
  const h = (v: Record<string, string>) => app().request('/x', { headers: v });
  assert.equal((await h({ 'if-modified-since': 'Fri, 02 Jan 2026 03:04:05 GMT' })).status, 304);
  assert.equal((await h({ 'if-modified-since': 'Sat, 03 Jan 2026 00:00:00 GMT' })).status, 304);
  assert.equal((await h({ 'if-modified-since': 'Fri, 02 Jan 2026 03:04:04 GMT' })).status, 200);
  assert.equal((await h({ 'if-modified-since': 'yesterday-ish' })).status, 200);
  assert.equal(
    (await h({ 'if-none-match': '"nope"', 'if-modified-since': 'Sat, 03 Jan 2026 00:00:00 GMT' })).status,
    200,
  );
  assert.equal(
    (await app().request('/no-date', { headers: { 'if-modified-since': 'Sat, 03 Jan 2026 00:00:00 GMT' } })).status,
    200,
    'no Last-Modified, no date match',
  );
});

test('Last-Modified is never later than now', async () => {
  const a = new Hono();
  a.get('/future', (c) =>
    sendConditional(c, {
      body: 'x',
      contentType: 'text/plain',
      lastModified: LAST + 86_400_000,
      now: LAST,
      cacheControl: 'no-cache',
    }),
  );
  assert.equal((await a.request('/future')).headers.get('last-modified'), 'Fri, 02 Jan 2026 03:04:05 GMT');
});

test('etagMatches compares opaque tags exactly', () => {
  assert.ok(etagMatches('"abc"', '"abc"'));
  assert.ok(!etagMatches('"abcd"', '"abc"'));
  assert.ok(!etagMatches(undefined, '"abc"'));
  assert.ok(!etagMatches('', '"abc"'));
});
