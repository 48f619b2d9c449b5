import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruMap, boundedMemo } from './lru.js';

test('an LruMap keeps at most its limit and drops the least recently used first', () => {
  const m = new LruMap<string, number>(3);
  m.set('a', 1).set('b', 2).set('c', 3);
  assert.equal(m.get('a'), 1, 'a is now the most recently used');
  m.set('d', 4);
  assert.equal(m.size, 3);
  assert.equal(m.has('b'), false, 'b was the least recently used');
  assert.deepEqual([...m.keys()], ['c', 'a', 'd']);
  m.set('c', 30);
  assert.deepEqual([...m.keys()], ['a', 'd', 'c'], 'setting a kept key refreshes it without dropping another');
  assert.equal(m.get('c'), 30);
  m.set('e', 5);
  assert.deepEqual([...m.keys()], ['d', 'c', 'e']);
});

test('has does not count as a use; delete and clear forget', () => {
  const m = new LruMap<number, string>(2);
  m.set(1, 'one').set(2, 'two');
  assert.equal(m.has(1), true);
  m.set(3, 'three');
  assert.equal(m.has(1), false);
  assert.equal(m.delete(3), true);
  assert.equal(m.get(3), undefined);
  m.set(4, 'four');
  assert.deepEqual([...m.keys()], [2, 4]);
  m.clear();
  assert.equal(m.size, 0);
  assert.equal(m.get(4), undefined);
  assert.throws(() => new LruMap(0));
});

test('getting the newest key twice, then another, keeps the order right', () => {
  const m = new LruMap<string, number>(2);
  m.set('a', 1).set('b', 2);
  m.get('b');
  m.get('b');
  m.get('a');
  m.set('c', 3);
  assert.deepEqual([...m.keys()], ['a', 'c']);
  m.delete('c');
  m.get('a');
  m.set('d', 4).set('e', 5);
  assert.deepEqual([...m.keys()], ['d', 'e']);
});

test('boundedMemo computes each key once while kept, and again after it was dropped', () => {
  const calls: string[] = [];
  const upper = boundedMemo(2, (s: string) => {
    calls.push(s);
    return s.toUpperCase();
  });
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  upper('b');
  upper('c');
  assert.equal(upper('a'), 'A');
  assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  assert.equal(upper.cache.size, 2);
});

test('boundedMemo keeps undefined results, and forgets a rejected promise so the next call retries', async () => {
  let n = 0;
  const nothing = boundedMemo(4, () => {
    n++;
    return undefined;
  });
  nothing(1);
  nothing(1);
  assert.equal(n, 1);
  let tries = 0;
  const flaky = boundedMemo(4, async (k: string) => {
    tries++;
    if (tries === 1) throw new Error('down');
    return k;
  });
  await assert.rejects(flaky('x'));
  assert.equal(await flaky('x'), 'x');
  assert.equal(await flaky('x'), 'x');
  assert.equal(tries, 2);
});
