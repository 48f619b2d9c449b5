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
