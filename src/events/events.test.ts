import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DomainEvent, createEventBus } from './events.js';

test('every subscriber hears its own process and the relay; ownOnly subscribers hear only what this process published', () => {
  const bus = createEventBus();
  const relayed: DomainEvent[] = [];
  bus.setRelay((e) => relayed.push(e));
  const all: number[] = [];
  const own: number[] = [];
  bus.subscribe((e) => void all.push(e.id));
  const stop = bus.subscribe((e) => void own.push(e.id), { ownOnly: true });
  bus.publish({ type: 'story.updated', id: 1, actor: 'here' });
  bus.deliverLocal({ type: 'story.updated', id: 2, actor: 'another process' });
  assert.deepEqual(all, [1, 2]);
  assert.deepEqual(own, [1]);
  assert.deepEqual(
    relayed.map((e) => e.id),
    [1],
    'only published events go to other processes',
  );
  stop();
  bus.publish({ type: 'story.updated', id: 3, actor: 'here' });
  assert.deepEqual(own, [1], 'unsubscribed');
  assert.deepEqual(all, [1, 2, 3]);
});

test('a failing handler is reported and the others still hear the event', async () => {
  const failures: string[] = [];
  const bus = createEventBus((err, e) => failures.push(`${e.id}: ${(err as Error).message}`));
  const heard: number[] = [];
  bus.subscribe(() => {
    throw new Error('sync');
  });
  bus.subscribe(async () => {
    throw new Error('async');
  });
  bus.subscribe((e) => void heard.push(e.id));
  bus.publish({ type: 'tag.updated', id: 9, actor: 'here' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(heard, [9]);
  assert.deepEqual(failures.sort(), ['9: async', '9: sync']);
});
