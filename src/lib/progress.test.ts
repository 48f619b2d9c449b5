import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar } from './progress.js';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 100, write: (s: string) => out.push(s) } };
}

test('on a terminal the bar redraws one line with rate and time left, and ends the line when done', () => {
  let now = 0;
  const { out, stream } = fakeStream(true);
  const tick = progressBar(stream, 'Importing', 'stories', () => now);
  now = 2000;
  tick(1000, 4000);
  assert.match(out[0]!, /^\rImporting \[#+-+\] 1,000\/4,000 stories · 500 stories\/s · 0:06 left\x1b\[K$/);
  now = 8000;
  tick(4000, 4000);
  assert.match(out[1]!, /^\rImporting \[#+\] 4,000\/4,000 stories · 500 stories\/s · done in 0:08\x1b\[K\n$/);
});

test('elsewhere it prints plain lines, at most every few seconds, and always the last one', () => {
  let now = 0;
  const { out, stream } = fakeStream(false);
  const tick = progressBar(stream, 'Importing', 'stories', () => now);
  now = 4000;
  tick(100, 1000);
  now = 4500;
  tick(200, 1000);
  now = 9000;
  tick(1000, 1000);
  assert.deepEqual(out, [
    'Importing: 100/1,000 stories · 25 stories/s · 0:36 left\n',
    'Importing: 1,000/1,000 stories · 111 stories/s · done in 0:09\n',
  ]);
  assert.ok(out.every((l) => !l.includes('\r') && !l.includes('\x1b')));
});
