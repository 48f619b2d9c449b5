import assert from 'node:assert/strict';
import { test } from 'node:test';
import { truncateText } from './excerpt.js';

test('Ukrainian text is cut at a word boundary, with an ellipsis', () => {
  const text = 'Енергетики працюють цілодобово, щоб місто пережило зиму без відключень.';
  const cut = truncateText(text, 40);
  assert.equal(cut, 'Енергетики працюють цілодобово, щоб…');
  assert.ok(cut.length <= 40);
  assert.equal(truncateText(text, 200), text, 'short text stays whole');
  assert.equal(truncateText('  Київ \n\n готується  ', 50), 'Київ готується', 'spaces are collapsed');
});

test('a hard cut never splits a letter from its marks or a surrogate pair', () => {
  // No space falls late enough: each cut lands inside one long word.
  const words = [
    'Ки́ївськаенергети́чнакомпа́нія'.repeat(2),
    'Йййййййййййййййййййййййй'.normalize('NFD'),
    '🇺🇦😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
  ];
  for (const word of words)
    for (let max = 4; max < 30; max++) {
      const cut = truncateText(word, max);
      const kept = cut.replace(/…$/, '');
      assert.ok(cut.length <= max, `${max}: ${cut}`);
      assert.ok(word.startsWith(kept), `${max}: ${cut}`);
      assert.ok(!/^\p{M}/u.test(word.slice(kept.length)), `${max}: the next mark stays with its letter (${cut})`);
      assert.ok(!/[\ud800-\udbff]$/.test(kept), `${max}: no lone half of a surrogate pair (${cut})`);
    }
});
