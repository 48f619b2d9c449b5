import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/errors.js';
import { BAD_CURSOR, cursorCodec, keysetPage } from './cursor.js';

const published = cursorCodec({ publishedAt: 'int', id: 'id' });
const ranked = cursorCodec({ score: 'number', id: 'id' });
const byId = cursorCodec({ id: 'id' });

/** Asserts `fn` throws the one bad-cursor 400. */
const refuses = (fn: () => unknown, what: string) =>
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.status === 400 && e.message === BAD_CURSOR, what);

test('a cursor round-trips through its opaque, URL-safe token with exactly its keys', () => {
  const c = { publishedAt: 1_790_000_000_123, id: 4242 };
  const token = published.encode(c);
  assert.match(token, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(published.decode(token), c);
  assert.deepEqual(byId.decode(byId.encode({ id: 7 })), { id: 7 });
  for (const score of [0.0607927, 3.2841e-7, -12.5, 1e21, 0, 42])
    assert.deepEqual(ranked.decode(ranked.encode({ score, id: 9 })), { score, id: 9 }, String(score));
  assert.equal(published.decode(undefined), null);
  assert.equal(published.decode(null), null);
  assert.equal(published.decode(''), null);
});

test('tokens already handed out keep their layout: Show More and API links, search links', () => {
  // Crawlers and API clients keep these; the render cache keys pages by them.
  assert.equal(
    published.encode({ publishedAt: 1_790_000_000_123, id: 4242 }),
    Buffer.from('1790000000123.4242').toString('base64url'),
  );
  assert.deepEqual(published.decode(Buffer.from('1790000000123.4242').toString('base64url')), {
    publishedAt: 1_790_000_000_123,
    id: 4242,
  });
  assert.deepEqual(ranked.decode(Buffer.from('0.0607927~31').toString('base64url')), { score: 0.0607927, id: 31 });
});

test('a legacy layout is read only where the codec says so', () => {
  const legacy = cursorCodec(
    { id: 'id' },
    { legacy: (text) => (/^0\.(\d+)$/.exec(text) ? { id: Number(text.slice(2)) } : null) },
  );
  const old = Buffer.from('0.17').toString('base64url');
  assert.deepEqual(legacy.decode(old), { id: 17 });
  assert.deepEqual(legacy.decode(legacy.encode({ id: 17 })), { id: 17 });
  refuses(() => legacy.decode(Buffer.from('0.2147483648').toString('base64url')), 'held to its kinds too');
  refuses(() => byId.decode(old), 'a codec without it refuses the old layout');
});

test('tampered, garbage or foreign cursors are a 400 with the one message, never a crash', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const bad = [
    'abc',
    '!!!',
    'a b',
    'x'.repeat(300),
    b64('1.2.3'),
    b64("1' or 1=1"),
    b64('1.x'),
    b64('-1.2'),
    b64('1e3.2'),
    b64('99999999999999999.1'),
    b64(' 1.2'),
    b64('1.2\n'),
  ];
  for (const token of bad) refuses(() => published.decode(token), token);
  refuses(() => byId.decode(published.encode({ publishedAt: 1, id: 2 })), 'a cursor of another list');
  refuses(() => published.decode(byId.encode({ id: 2 })), 'too few keys');
  refuses(() => published.decode(ranked.encode({ score: 1.5, id: 2 })), 'a search cursor on a listing');
  for (const token of [b64('NaN~1'), b64('Infinity~1'), b64('1~1.5'), b64('1.5.2')])
    refuses(() => ranked.decode(token), token);
});

test('an id key names a row id, 0 to 2147483647; an int key (a time) may be far larger', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  assert.deepEqual(byId.decode(b64('0')), { id: 0 });
  assert.deepEqual(byId.decode(b64('2147483647')), { id: 2147483647 });
  assert.deepEqual(published.decode(b64('99999999999999.5')), { publishedAt: 99999999999999, id: 5 });
  // Past any row: PostgreSQL cannot compare such a number with an id column, so it never reaches a query.
  for (const token of [b64('2147483648'), b64('99999999999')]) refuses(() => byId.decode(token), token);
  refuses(() => published.decode(b64('1790000000000.99999999999')), 'a listing cursor past any row');
  refuses(() => ranked.decode(b64('0.5~2147483648')), 'a search cursor past any row');
});

test('a keyset page asks for one row more than it shows, and only a longer read has a next page', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ id: 100 - i }));
  const asked: number[] = [];
  const read = (n: number) => (take: number) => {
    asked.push(take);
    return Promise.resolve(rows.slice(0, Math.min(take, n)));
  };
  const keys = (r: { id: number }) => ({ id: r.id });

  const first = await keysetPage(byId, keys, 3, read(7));
  assert.deepEqual(asked, [4]);
  assert.deepEqual(
    first.items.map((r) => r.id),
    [100, 99, 98],
  );
  assert.deepEqual(byId.decode(first.next), { id: 98 }, 'the next page starts after the last row shown');

  const exact = await keysetPage(byId, keys, 7, read(7));
  assert.equal(exact.items.length, 7);
  assert.equal(exact.next, null, 'a page exactly `limit` long is the last');

  const short = await keysetPage(byId, keys, 5, read(2));
  assert.deepEqual(
    short.items.map((r) => r.id),
    [100, 99],
  );
  assert.equal(short.next, null, 'the last page has no next');

  const empty = await keysetPage(byId, keys, 5, () => []);
  assert.deepEqual(empty, { items: [], next: null });
});

test('walking a list page by page with its cursor visits every row once, in order', async () => {
  // Rows ordered by (publishedAt desc, id desc), ties on publishedAt included.
  const all = Array.from({ length: 23 }, (_, i) => ({ publishedAt: 1000 - Math.floor(i / 3), id: 500 - i }));
  const after = (c: { publishedAt: number; id: number } | null) =>
    all.filter((r) => !c || r.publishedAt < c.publishedAt || (r.publishedAt === c.publishedAt && r.id < c.id));
  const seen: number[] = [];
  let token: string | null = null;
  for (let n = 0; n < 30; n++) {
    const before = published.decode(token);
    const page = await keysetPage(
      published,
      (r: (typeof all)[number]) => ({ publishedAt: r.publishedAt, id: r.id }),
      5,
      (take) => after(before).slice(0, take),
    );
    seen.push(...page.items.map((r) => r.id));
    token = page.next;
    if (!token) break;
  }
  assert.deepEqual(
    seen,
    all.map((r) => r.id),
  );
});
