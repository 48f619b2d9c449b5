import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type TestEnv, createTestEnv } from '../../../test/support/db.js';
import { makeSection, makeStory } from '../../../test/support/factories.js';
import { migrateToLatest } from '../migrate.js';

for (const dialect of DIALECTS) {
  describe(`migration 105: one story per language in a translation group (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    test('a group with two stories in one language keeps the older; the index then refuses another', async () => {
      const db = env.deps.db;
      const sectionId = (await makeSection(env.deps)).id;
      const stories = [];
      for (let i = 0; i < 3; i++) stories.push(await makeStory(env.deps, { headline: `Story ${i}`, sectionId }));
      const [a, b, c] = stories.map((s) => s.id) as [number, number, number];
      // The schema as 100-editions left it, with a group that broke the rule (b and c both in Ukrainian).
      await db.schema.dropIndex('stories_translation_language').execute();
      await db.schema.createIndex('stories_translation_group').on('stories').column('translation_group').execute();
      await db.updateTable('stories').set({ translation_group: a }).where('id', 'in', [a, b, c]).execute();
      await db.updateTable('stories').set({ language: 'uk' }).where('id', 'in', [b, c]).execute();
      await db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '105-translation-languages' as never)
        .execute();
      await migrateToLatest(db, dialect);
      const rows = await db
        .selectFrom('stories')
        .select(['id', 'translation_group'])
        .where('id', 'in', [a, b, c])
        .orderBy('id')
        .execute();
      assert.deepEqual(rows, [
        { id: a, translation_group: a },
        { id: b, translation_group: a },
        { id: c, translation_group: null },
      ]);
      await assert.rejects(
        sql`update stories set translation_group = ${a} where id = ${c}`.execute(db),
        'a second Ukrainian member is refused by the database',
      );
    });
  });
}
