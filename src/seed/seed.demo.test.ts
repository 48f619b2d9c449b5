import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { createDemoOwner } from '../users/demo-owner.js';
import { seedIfEmpty, seedNewsroom } from './seed.demo.js';

/**
 * The demo's two editions: Ukrainian stories, some translating an English one (one per language in a group),
 * some only in Ukrainian, English ones without a translation, translator credits, and the Ukrainian words of
 * sections, tags and authors.
 */
async function checkEditions(t: TestApp): Promise<void> {
  const { db } = t.deps;
  const editions = JSON.parse(
    (await db.selectFrom('settings').select('value').where('key', '=', 'site.editions').executeTakeFirstOrThrow())
      .value,
  ) as { code: string; prefix: string }[];
  assert.deepEqual(
    editions.map((e) => [e.code, e.prefix]),
    [
      ['en', ''],
      ['uk', 'uk'],
    ],
  );
  const stories = await db.selectFrom('stories').select(['id', 'language', 'translation_group', 'status']).execute();
  const groups = new Map<number, string[]>();
  for (const s of stories)
    if (s.translation_group !== null)
      groups.set(s.translation_group, [...(groups.get(s.translation_group) ?? []), s.language]);
  assert.ok(groups.size > 3, `translation groups: ${groups.size}`);
  for (const [group, languages] of groups) {
    assert.deepEqual(languages.sort(), ['en', 'uk'], `group ${group}: one English story and its Ukrainian translation`);
    assert.equal(stories.find((s) => s.id === group)?.language, 'en', 'a group is named by its English original');
  }
  const alone = (language: string) =>
    stories.filter((s) => s.language === language && s.translation_group === null && s.status === 'published');
  assert.ok(alone('uk').length > 0, 'stories only in Ukrainian');
  assert.ok(alone('en').length > 0, 'English stories with no translation');
  const credits = await db
    .selectFrom('story_authors')
    .innerJoin('stories', 'stories.id', 'story_authors.story_id')
    .select(['stories.language', 'stories.translation_group'])
    .where('story_authors.role', '=', 'translator')
    .execute();
  assert.ok(credits.length > 0, 'some translations credit a translator');
  assert.ok(
    credits.every((c) => c.language === 'uk' && c.translation_group !== null),
    'only translations do',
  );
  for (const [table, base] of [
    ['section_translations', 'sections'],
    ['tag_translations', 'tags'],
    ['author_translations', 'authors'],
  ] as const) {
    const n = async (from: typeof table | typeof base) =>
      Number(
        (
          await db
            .selectFrom(from)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await n(table), await n(base), `every row of ${base} has its Ukrainian words`);
  }
  const ukHome = await t.request('/uk/');
  assert.equal(ukHome.status, 200);
  const ukSlug = /href="\/uk\/stories\/([a-z0-9-]+)"/.exec(await ukHome.text())?.[1];
  assert.ok(ukSlug, 'the Ukrainian home lists Ukrainian stories');
  const ukStory = await t.request(`/uk/stories/${ukSlug}`);
  assert.equal(ukStory.status, 200);
  assert.match(await ukStory.text(), /<html lang="uk"/);
}

/** Columns that hold a time meant to lie ahead: expiries, schedules, retries. */
const FUTURE_BY_DESIGN = new Set(['expires_at', 'run_at', 'next_attempt_at', 'go_live_at']);

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
        .where('language', '=', 'en')
        .where('kind', '<>', 'page')
        .executeTakeFirstOrThrow();
      assert.equal(Number(stories.n), 40, 'the stories asked for, in the primary edition');
      const pages = await t.deps.db
        .selectFrom('stories')
        .select(['slug', 'language'])
        .where('kind', '=', 'page')
        .execute();
      assert.deepEqual(pages.map((x) => x.slug).sort(), [
        'about',
        'contact',
        'corrections-policy',
        'privacy',
        'pro-nas',
      ]);
      const membership = await (await t.request('/membership')).text();
      for (const tier of ['Free', 'Supporter', 'Patron']) assert.match(membership, new RegExp(`>${tier}<`), tier);
      const about = await t.request('/about');
      assert.equal(about.status, 200);
      const shell = await (await t.request('/')).text();
      assert.match(shell, /class="footer-nav"/);
      assert.match(shell, /<a href="\/about">About<\/a>/);
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
      await checkEditions(t);
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

    test('a fresh start seeds no time in the future (only a scheduled story may be ahead)', async () => {
      // A day behind the wall clock: a time taken from Date.now() instead of the clock would show too.
      const now = Date.now() - 86400_000;
      const fresh = await createTestApp(dialect, { clock: () => now });
      try {
        // What the first start of a server does.
        assert.equal(await seedIfEmpty(fresh.deps), true);
        await createDemoOwner(fresh.deps, () => {});
        const ahead: string[] = [];
        let checked = 0;
        for (const table of await fresh.deps.db.introspection.getTables()) {
          for (const col of table.columns) {
            if (!/(^|_)at$/.test(col.name) || FUTURE_BY_DESIGN.has(col.name)) continue;
            let q = fresh.deps.db
              .selectFrom(table.name as 'stories')
              .select(sql<string | number | null>`max(${sql.ref(col.name)})`.as('latest'));
            // A scheduled story's publish time is its schedule.
            if (table.name === 'stories' && col.name === 'published_at') q = q.where('status', '!=', 'scheduled');
            const { latest } = await q.executeTakeFirstOrThrow();
            checked++;
            if (latest !== null && Number(latest) > now)
              ahead.push(`${table.name}.${col.name} is ${Math.round((Number(latest) - now) / 60_000)} min ahead`);
          }
        }
        assert.ok(checked >= 10, `time columns checked: ${checked}`);
        assert.deepEqual(ahead, []);
        const lastmods = [
          ...(await (await fresh.request('/sitemaps/stories-1.xml')).text()).matchAll(/<lastmod>([^<]+)</g),
        ].map((m) => Date.parse(m[1]!));
        assert.ok(lastmods.length > 100);
        assert.ok(
          lastmods.every((t) => t <= now),
          'no lastmod in the sitemap lies ahead',
        );
      } finally {
        await fresh.close();
      }
    });

    test('demo readers: confirmed and not, one bouncing, one banned from comments, in both languages', async () => {
      const readers = await t.deps.db.selectFrom('readers').selectAll().execute();
      assert.ok(readers.length >= 20, `${readers.length} readers`);
      assert.ok(readers.some((x) => x.email === 'reader@demo.broadsheet.test' && x.confirmed_at !== null));
      assert.ok(readers.some((x) => x.confirmed_at === null));
      assert.ok(readers.some((x) => x.bouncing_at !== null));
      assert.ok(readers.some((x) => x.comments_banned_at !== null));
      assert.deepEqual([...new Set(readers.map((x) => x.language))].sort(), ['en', 'uk']);
      assert.ok(readers.every((x) => x.email === x.email.toLowerCase()));
    });

    test('demo comments: on both editions’ newest stories, with replies, every desk queue, a former reader', async () => {
      const rows = await t.deps.db
        .selectFrom('comments')
        .innerJoin('stories', 'stories.id', 'comments.story_id')
        .select([
          'comments.status',
          'comments.parent_id',
          'comments.reader_id',
          'stories.language',
          'stories.status as story',
        ])
        .execute();
      assert.ok(rows.length >= 30, `${rows.length} comments`);
      assert.ok(rows.every((r) => r.story === 'published'));
      assert.deepEqual([...new Set(rows.map((r) => r.language))].sort(), ['en', 'uk']);
      assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), ['approved', 'hidden', 'pending', 'spam']);
      assert.ok(
        rows.some((r) => r.parent_id !== null),
        'replies',
      );
      assert.ok(
        rows.some((r) => r.reader_id === null),
        'a former reader',
      );
      const reports = await t.deps.db.selectFrom('comment_reports').select('comment_id').execute();
      assert.ok(reports.length > 0, 'reported comments');
      const busiest = await t.deps.db
        .selectFrom('stories')
        .select('slug')
        .where('status', '=', 'published')
        .where('language', '=', 'en')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const list = await (await t.request(`/stories/${busiest.slug}/comments/list`)).text();
      assert.match(list, /<h2 id="comments-title">\d+ comments<\/h2>/);
      assert.match(list, /a former reader/);
    });

    test('a second bulk seed into a seeded database fails instead of duplicating the newsroom', async () => {
      await assert.rejects(seedNewsroom(t.deps, { stories: 5, images: 1 }), 'authors and sections already exist');
    });
  });
}
