import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

test('a cursor round-trips through its opaque token', () => {
  const c = { publishedAt: 1_790_000_000_123, id: 4242 };
  assert.deepEqual(decodeCursor(encodeCursor(c)), c);
  assert.equal(decodeCursor(undefined), null);
  assert.equal(decodeCursor(''), null);
});

test('malformed cursors are a 400, not a crash', () => {
  for (const bad of ['abc', '!!!', 'x'.repeat(100), Buffer.from('1.2.3').toString('base64url'), Buffer.from("1' or 1=1").toString('base64url')]) {
    assert.throws(() => decodeCursor(bad), (e: unknown) => e instanceof AppError && e.status === 400, bad);
  }
});
