import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestEnv, createTestEnv } from '../../test/support/db.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeImage } from '../../test/support/factories.js';
import { backfillCrops } from './crops.command.js';

for (const dialect of DIALECTS) {
  describe(`crop backfill (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    test('images stored before crops get them from their original; others are left alone', async () => {
      const old = await makeImage(env.deps, {}, { width: 1600, height: 900 });
      const current = await makeImage(env.deps, {}, { width: 1000, height: 1000 });
      const lost = await makeImage(env.deps, {}, { width: 700, height: 500 });
      await env.deps.db.updateTable('images').set({ crops: '[]' }).where('id', 'in', [old.id, lost.id]).execute();
      await env.deps.db
        .updateTable('images')
        .set({ storage_key: 'img/no/such/original.png' })
        .where('id', '=', lost.id)
        .execute();
      // A running server holds the image as its pages show it, without crops.
      env.deps.lookups.clear();
      assert.deepEqual((await env.deps.lookups.images([old.id])).get(old.id)?.crops, []);
      const published: string[] = [];
      const stop = env.deps.events.subscribe((e) => void published.push(`${e.type} ${e.actor}`));
      assert.deepEqual(await backfillCrops(env.deps), { done: 1, missing: 1 });
      assert.deepEqual(published, ['site.replaced media:crops'], 'running servers are told to drop what they hold');
      assert.deepEqual(
        (await env.deps.lookups.images([old.id])).get(old.id)?.crops.map((c) => c.ratio),
        ['16x9', '4x3', '1x1'],
      );
      const rows = await env.deps.db.selectFrom('images').select(['id', 'crops']).orderBy('id').execute();
      const crops = (id: number) =>
        JSON.parse(rows.find((r) => r.id === id)!.crops) as {
          ratio: string;
          width: number;
          height: number;
          key: string;
        }[];
      assert.deepEqual(
        crops(old.id).map((c) => `${c.ratio} ${c.width}x${c.height}`),
        ['16x9 1200x675', '4x3 1200x900', '1x1 900x900'],
      );
      for (const c of crops(old.id)) assert.ok(await env.deps.media.exists(c.key), c.key);
      assert.equal(rows.find((r) => r.id === current.id)!.crops, current.crops, 'untouched');
      assert.deepEqual(crops(lost.id), []);
      assert.deepEqual(
        await backfillCrops(env.deps),
        { done: 0, missing: 1 },
        'a second run has nothing left but the missing original',
      );
      assert.equal(published.length, 1, 'and, having changed nothing, says nothing');
      stop();
    });
  });
}
