import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemEnglish } from './stem.english.js';
import { foldWord, indexText, wordTokens, wordsIn } from './search.words.js';

const meet = (a: string, b: string) => wordTokens(a).some((x) => wordTokens(b).includes(x));

test('Ukrainian case forms of a word meet; distinct words stay apart', () => {
  for (const group of [
    ['Київ', 'Києва', 'Києві', 'Києвом'],
    ['трамвай', 'трамваї', 'трамваїв', 'трамваєм', 'трамваю'],
    ['Львів', 'Львова', 'Львові'],
    ['зима', 'зими', 'зиму', 'зимою'],
    ['український', 'українська', 'українського', 'українських'],
    ['відключення', 'відключень', 'відключенням'],
    ['Олексій', 'Олексія', 'Олексієм'],
  ])
    for (const form of group) assert.ok(meet(group[0]!, form), `${group[0]} / ${form}`);
  assert.ok(!meet('мер', 'море'), 'a mayor is not the sea');
  assert.ok(!meet('Київ', 'Кіів'), 'ї is not і');
  assert.ok(!meet('йод', 'иод'), 'й is not и');
});

test('folding: case in every script, stress marks, apostrophe variants, Latin accents; й and ї kept', () => {
  assert.equal(foldWord('КИЇВ'), 'київ');
  assert.equal(foldWord('Ки́їв'), 'київ');
  assert.equal(foldWord('Київ'.normalize('NFD')), 'київ');
  for (const w of ["Знам'янка", 'Знам’янка', 'Знамʼянка', 'Знам`янка']) assert.equal(foldWord(w), 'знамянка', w);
  assert.equal(foldWord('CAFÉ'), 'cafe');
  assert.equal(foldWord('йолка'), 'йолка');
  assert.deepEqual(
    wordsIn('Знам’янка, Ки́їв!').map((w) => w.word),
    ['Знам’янка', 'Ки́їв'],
    'an apostrophe and a stress mark stay inside their word',
  );
});

test('English words are stemmed by Porter', () => {
  const cases: [string, string][] = [
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['running', 'run'],
    ['hopping', 'hop'],
    ['connected', 'connect'],
    ['connections', 'connect'],
    ['relational', 'relat'],
    ['generalization', 'gener'],
    ['elections', 'elect'],
    ['happy', 'happi'],
    ['sky', 'sky'],
  ];
  for (const [word, stem] of cases) assert.equal(stemEnglish(word), stem, word);
  assert.ok(meet('Stories', 'story'));
  assert.ok(meet('turbines', 'Turbine'));
});

test('the index text is tokens only: no markup, no punctuation, no control characters', () => {
  assert.equal(indexText('<b>Трамваї</b> "run"\u0002 again!'), 'b трамвай b run again');
});
