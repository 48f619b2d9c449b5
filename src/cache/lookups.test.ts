import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeImage } from '../../test/support/factories.js';
import { createLookups } from './lookups.js';

for (const dialect of DIALECTS) {
  describe(`lookups: images kept in memory (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    const setAlt = (id: number, alt: string) =>
      env.deps.db.updateTable('images').set({ alt }).where('id', '=', id).execute();

    test('an image is read once and kept until site.replaced; unknown ids are left out', async () => {
      const lookups = createLookups(env.deps.db, env.deps.events, env.deps.media);
      const a = await makeImage(env.deps, { alt: 'A ferry at dawn' });
      const first = await lookups.images([a.id, a.id, 999_999]);
      assert.deepEqual([...first.keys()], [a.id]);
      assert.equal(first.get(a.id)?.alt, 'A ferry at dawn');
      assert.match(first.get(a.id)?.srcset.webp ?? '', /\d+w/);
      // Changed behind its back (only a bulk rewrite does this), it still answers from memory…
      await setAlt(a.id, 'Changed in the database');
      assert.equal((await lookups.images([a.id])).get(a.id)?.alt, 'A ferry at dawn');
      // …until the event every bulk rewrite publishes.
      env.deps.events.publish({ type: 'site.replaced', id: 0, actor: 'test' });
      assert.equal((await lookups.images([a.id])).get(a.id)?.alt, 'Changed in the database');
    });

    test('a read in flight when everything is dropped does not put the old rows back', async () => {
      const lookups = createLookups(env.deps.db, env.deps.events, env.deps.media);
      const a = await makeImage(env.deps, { alt: 'Before' });
      const reading = lookups.images([a.id]);
      lookups.clear();
      await setAlt(a.id, 'After');
      assert.equal((await reading).get(a.id)?.alt, 'Before', 'the reader in flight gets what it read');
      assert.equal((await lookups.images([a.id])).get(a.id)?.alt, 'After', 'but it was not kept');
    });

    test('at most the configured number of images are kept, the oldest dropped first', async () => {
      const lookups = createLookups(env.deps.db, env.deps.events, env.deps.media, undefined, 3);
      const imgs = [];
      for (let i = 0; i < 4; i++) imgs.push(await makeImage(env.deps, { alt: `Image ${i}` }));
      for (const img of imgs) await lookups.images([img.id]);
      for (const img of imgs) await setAlt(img.id, 'Re-read');
      const alts = await lookups.images(imgs.map((i) => i.id));
      assert.deepEqual(
        imgs.map((i) => alts.get(i.id)?.alt),
        ['Re-read', 'Image 1', 'Image 2', 'Image 3'],
      );
    });
  });
}
