import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { seedIfEmpty, seedNewsroom } from './seed.demo.js';

for (const dialect of DIALECTS) {
  describe(`demo newsroom seed (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('fills an empty database with a browsable newsroom, once', async () => {
      assert.equal(await seedIfEmpty(t.deps, 40), true);
      assert.equal(await seedIfEmpty(t.deps, 40), false, 'second start does not seed again');
      const stories = await t.deps.db
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(stories.n), 40);
      const coauthored = await t.deps.db
        .selectFrom('story_authors')
        .select('story_id')
        .groupBy('story_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      assert.ok(coauthored.length > 0, 'some stories have several authors');
      const embeds = await t.deps.db.selectFrom('story_embeds').select('story_id').execute();
      assert.ok(embeds.length > 0, 'some stories embed related stories');
      const nested = await t.deps.db.selectFrom('sections').select('id').where('parent_id', 'is not', null).execute();
      assert.ok(nested.length > 0, 'sections nest');
      if (dialect === 'postgres') {
        // The planner has statistics at once: autovacuum would gather them only some time after the load.
        const { rows } = await sql<{
          relname: string;
          last_analyze: Date | null;
        }>`select relname, last_analyze from pg_stat_user_tables where relname in ('stories', 'story_authors', 'story_tags')`.execute(
          t.deps.db,
        );
        assert.equal(rows.length, 3);
        for (const r of rows) assert.ok(r.last_analyze, `${r.relname} analyzed after the seed`);
      }
      const home = await (await t.request('/')).text();
      assert.match(home, /The Broadsheet Dispatch/);
      const slug = /href="\/stories\/([a-z0-9-]+)"/.exec(home)?.[1];
      const story = await t.request(`/stories/${slug}`);
      assert.equal(story.status, 200);
      const avatar = /src="(\/media\/[^"]+)"[^>]*class="avatar"/.exec(await story.text())?.[1];
      assert.ok(avatar, 'author card has an avatar');
      const img = await t.request(avatar!);
      assert.equal(img.status, 200);
      assert.match(img.headers.get('content-type') ?? '', /^image\//);
    });

    test('a second bulk seed into a seeded database fails instead of duplicating the newsroom', async () => {
      await assert.rejects(seedNewsroom(t.deps, { stories: 5, images: 1 }), 'authors and sections already exist');
    });
  });
}
