import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { migrateToLatest } from './migrate.js';

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    test('a migration numbered below one already run (another engineer’s range) still runs', async () => {
      const db = env.deps.db;
      // As if 042 arrived after 050 had already run here.
      await db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '042-search-rank' as never)
        .execute();
      if (dialect === 'postgres') await sql`alter table story_search drop column rank_vector`.execute(db);
      await migrateToLatest(db, dialect);
      const names = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map(
        (r) => r.name,
      );
      assert.ok(names.includes('042-search-rank'));
      assert.ok(
        names.some((n) => n > '042'),
        'a later-numbered migration had run before',
      );
      if (dialect === 'postgres') await sql`select rank_vector from story_search limit 1`.execute(db);
    });
  });
}
