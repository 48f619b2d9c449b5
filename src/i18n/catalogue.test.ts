import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUES, translator } from './catalogue.js';
import { en } from './messages/en.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const pluralBases = (c: Readonly<Record<string, string>>) =>
  new Set(
    Object.keys(c)
      .filter((k) => PLURAL.test(k))
      .map(baseOf),
  );

for (const [lng, catalogue] of Object.entries(CATALOGUES)) {
  test(`the ${lng} catalogue has every message the English one has, with every plural form ${lng} needs`, () => {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const missing: string[] = [];
    for (const key of Object.keys(en)) {
      if (PLURAL.test(key)) continue;
      if (!(key in catalogue)) missing.push(key);
    }
    for (const base of pluralBases(en))
      for (const form of forms) if (!(`${base}_${form}` in catalogue)) missing.push(`${base}_${form}`);
    assert.deepEqual(missing, [], `${lng} lacks messages`);
    const enBases = new Set(Object.keys(en).map(baseOf));
    const extra = Object.keys(catalogue).filter((k) => !enBases.has(baseOf(k)));
    assert.deepEqual(extra, [], `${lng} has messages no code asks for`);
    for (const [key, text] of Object.entries(catalogue)) {
      const wanted = new Set(
        (en[(PLURAL.test(key) ? `${baseOf(key)}_other` : key) as keyof typeof en] ?? '').match(/\{\{\w+\}\}/g),
      );
      for (const v of text.match(/\{\{\w+\}\}/g) ?? [])
        assert.ok(wanted.has(v), `${lng} ${key} puts in ${v}, which English does not pass`);
    }
  });
}

test('Ukrainian reading times take the plural form of each number: 1, 2, 5, 11, 21, 22, 25 minutes', () => {
  const t = translator('uk');
  const shown = [1, 2, 5, 11, 21, 22, 25].map((count) => t('story.readingTime', { count }));
  assert.deepEqual(shown, [
    '1 хвилина читання',
    '2 хвилини читання',
    '5 хвилин читання',
    '11 хвилин читання',
    '21 хвилина читання',
    '22 хвилини читання',
    '25 хвилин читання',
  ]);
});

test('a language with no catalogue, and a regional tag, get words: their own where there are, else English', () => {
  assert.equal(translator('uk-UA')('layout.search'), 'Пошук');
  assert.equal(translator('fr')('layout.search'), 'Search');
  assert.equal(translator('en')('story.readingTime', { count: 1 }), '1 min read');
});

test('a value put into a message is not escaped twice: the view escapes it once', () => {
  assert.equal(translator('en')('author.about', { name: 'A & B <c>' }), 'About A & B <c>');
});

test('a message made once is the same when asked again, and other values make other messages', () => {
  const t = translator('uk');
  assert.equal(t('story.readingTime', { count: 2 }), '2 хвилини читання');
  assert.equal(t('story.readingTime', { count: 2 }), '2 хвилини читання');
  assert.equal(t('story.readingTime', { count: 5 }), '5 хвилин читання');
  assert.equal(t('author.about', { name: 'Олена' }), 'Про автора: Олена');
  assert.equal(t('author.about', { name: 'Марко' }), 'Про автора: Марко');
});
