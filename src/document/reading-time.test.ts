import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords, readingMinutes } from './reading-time.js';

test('reading time is words ÷ 238, rounded up, at least one minute', () => {
  assert.equal(readingMinutes(0), 1);
  assert.equal(readingMinutes(1), 1);
  assert.equal(readingMinutes(238), 1);
  assert.equal(readingMinutes(239), 2);
  assert.equal(readingMinutes(476), 2);
  assert.equal(readingMinutes(477), 3);
});

test('words are counted in any script, with apostrophes and hyphens inside words', () => {
  assert.equal(countWords('The mayor’s plan is well-known.'), 5);
  assert.equal(countWords('Київ відновлює мости'), 3);
  assert.equal(countWords('  — 40,000 homes — '), 2);
  assert.equal(countWords(''), 0);
});

test('Ukrainian words are counted whole: stress marks, apostrophes and decomposed letters inside them', () => {
  assert.equal(countWords('Ки́їв готу́ється до зими́'), 4, 'a combining stress mark does not split a word');
  assert.equal(countWords("Знам’янка, Знамʼянка і Знам'янка — одне місто"), 6);
  assert.equal(countWords('Йосипівка й Їжакевич'.normalize('NFD')), 3, 'й and ї written as letter + mark');
  assert.equal(countWords('Енергетики працюють 24/7, а 40 000 родин — зі світлом.'), 10);
});
