import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SLUG_PATTERN, slugify } from './slug.js';

test('slugs are lower-case ASCII words joined by hyphens', () => {
  assert.equal(slugify('Crews Restore Power to 40,000 Homes!'), 'crews-restore-power-to-40-000-homes');
  assert.equal(slugify('Café déjà vu'), 'cafe-deja-vu');
  assert.equal(slugify('Київ відновлює мости'), 'kyiv-vidnovliuie-mosty');
  assert.equal(slugify('<script>alert(1)</script>'), 'script-alert-1-script');
  assert.equal(slugify('!!!'), 'story');
  assert.match(slugify(`${'a'.repeat(50)} ${'b'.repeat(50)}`), SLUG_PATTERN);
  assert.ok(slugify('word '.repeat(40)).length <= 80);
});

test('Ukrainian headlines follow the national transliteration (KMU 2010), with its position rules', () => {
  // The resolution's own examples.
  const examples: [string, string][] = [
    ['Згорани', 'zghorany'],
    ['Розгон', 'rozghon'],
    ['Юрій', 'yurii'],
    ['Олексій', 'oleksii'],
    ['Їжакевич', 'yizhakevych'],
    ['Яготин', 'yahotyn'],
    ['Знам’янка', 'znamianka'],
    ["Знам'янка", 'znamianka'],
    ['Знамʼянка', 'znamianka'],
    ['Єнакієве', 'yenakiieve'],
    ['Гайсин', 'haisyn'],
    ['Короп’є', 'koropie'],
    ['Стрий', 'stryi'],
    ['Щербухи', 'shcherbukhy'],
    ['Ґалаґан', 'galagan'],
    ['Львів', 'lviv'],
    ['Київ', 'kyiv'],
  ];
  for (const [uk, slug] of examples) assert.equal(slugify(uk), slug, uk);
  assert.equal(slugify('Юрій та Яна їдуть у Йосипівку'), 'yurii-ta-yana-yidut-u-yosypivku', 'each word has its start');
  assert.equal(slugify('Ки́їв і За́поріжжя'), 'kyiv-i-zaporizhzhia', 'stress marks are not letters');
  assert.equal(slugify('КИЇВ'), 'kyiv', 'capitals');
  assert.equal(slugify('Київ'.normalize('NFD')), 'kyiv', 'decomposed ї and й are the same letters');
});
