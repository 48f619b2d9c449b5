import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeSection, makeStory, p } from '../../test/support/factories.js';
import { m040Search } from '../db/migrations/040-search.js';
import { m042SearchRank } from '../db/migrations/042-search-rank.js';
import { m101SearchLanguages } from '../db/migrations/101-search-languages.js';
import { seedNewsroom } from '../seed/seed.demo.js';
import { insertStoryRow } from '../stories/story.repo.js';
import { updateStory } from '../stories/story.service.js';
import { search } from './search.service.js';

const ids = (html: string) => [...html.matchAll(/data-story-id="(\d+)"/g)].map((m) => Number(m[1]));
const find = async (t: TestApp, q: string, extra = '') =>
  ids(await (await t.request(`/search?q=${encodeURIComponent(q)}${extra}`)).text());

for (const dialect of DIALECTS) {
  describe(`search (${dialect})`, () => {
    let t: TestApp;
    const s: Record<string, number> = {};
    let world: number, europe: number, sport: number, authorSlug: string;
    before(async () => {
      t = await createTestApp(dialect);
      world = (await makeSection(t.deps, { name: 'World' })).id;
      europe = (await makeSection(t.deps, { name: 'Europe', parent_id: world })).id;
      sport = (await makeSection(t.deps, { name: 'Sport' })).id;
      const author = await makeAuthor(t.deps, { name: 'Olena Search' });
      authorSlug = author.slug;
      const day = (d: number) => Date.UTC(2026, 0, d, 12);
      s.kyiv = (
        await makeStory(t.deps, {
          headline: 'Київ готується до зими',
          dek: 'Енергетики працюють цілодобово',
          body: { version: 1, blocks: [p('ЕНЕРГОСИСТЕМА міста витримала навантаження. Їжак у парку.')] },
          sectionId: europe,
          authorIds: [author.id],
          publishedAt: day(3),
        })
      ).id;
      s.cafe = (
        await makeStory(t.deps, {
          headline: 'A café reopens by the river',
          body: { version: 1, blocks: [p('Coffee is back, near the old bridge.')] },
          sectionId: world,
          publishedAt: day(5),
        })
      ).id;
      s.turbineHead = (
        await makeStory(t.deps, {
          headline: 'Turbine maker doubles output',
          body: { version: 1, blocks: [p('Factories hum again.')] },
          sectionId: sport,
          publishedAt: day(7),
        })
      ).id;
      s.turbineBody = (
        await makeStory(t.deps, {
          headline: 'Quiet week in the harbour',
          body: { version: 1, blocks: [p('Nothing new, except one turbine delivered by ship.')] },
          sectionId: world,
          publishedAt: day(9),
        })
      ).id;
      s.xss = (
        await makeStory(t.deps, {
          headline: 'Markup <b>in</b> a headline',
          body: { version: 1, blocks: [p('<script>alert(1)</script> zebra crossing & "quotes"')] },
          sectionId: world,
          publishedAt: day(11),
        })
      ).id;
      s.draft = (await makeStory(t.deps, { headline: 'Secret turbine plan', status: 'draft', sectionId: world })).id;
    });
    after(() => t.close());

    test('English and Ukrainian words are found, whatever their case', async () => {
      assert.deepEqual(await find(t, 'київ'), [s.kyiv]);
      assert.deepEqual(await find(t, 'КИЇВ'), [s.kyiv]);
      assert.deepEqual(await find(t, 'енергосистема'), [s.kyiv], 'upper-case Cyrillic in the body, lower-case query');
      assert.deepEqual(await find(t, 'ЕНЕРГЕТИКИ'), [s.kyiv], 'the dek is searched');
      assert.deepEqual(await find(t, 'їжак'), [s.kyiv]);
      assert.deepEqual(await find(t, 'CAFE'), [s.cafe], 'accents are ignored');
      assert.deepEqual(await find(t, 'café river'), [s.cafe]);
      assert.deepEqual(await find(t, 'café moon'), [], 'every word must match');
    });

    test('a headline hit outranks a body hit; drafts are never found', async () => {
      assert.deepEqual(await find(t, 'turbine'), [s.turbineHead, s.turbineBody]);
    });

    test('hits are marked and every other character is escaped', async () => {
      const html = await (await t.request('/search?q=zebra')).text();
      assert.match(html, /<mark>zebra<\/mark> crossing &amp; &quot;quotes/);
      // Both engines: the passage is cut from the text as written, by our own highlighter.
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.ok(!html.includes('<script>alert'));
      const head = await (await t.request('/search?q=markup')).text();
      assert.match(head, /<mark>Markup<\/mark> &lt;b&gt;in&lt;\/b&gt; a headline/);
      const uk = await (await t.request(`/search?q=${encodeURIComponent('київ')}`)).text();
      assert.match(uk, /<mark>Київ<\/mark> готується до зими/);
    });

    test('punctuation and FTS operators are text, never a syntax error', async () => {
      for (const q of [
        '"',
        '*',
        'NEAR',
        'AND',
        '-',
        ':',
        '(',
        '^',
        '"unbalanced',
        'NEAR(a b)',
        'café OR',
        'headline:café',
        'a* -b',
        "'; drop table stories; --",
        '\\',
        '{}[]',
        '%_',
      ]) {
        const res = await t.request(`/search?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, q);
      }
      assert.deepEqual(await find(t, 'NEAR'), [s.cafe], 'NEAR is the word "near"');
      assert.deepEqual(await find(t, '"café" (river)'), [s.cafe]);
      assert.match(await (await t.request('/search?q=%22*%3A')).text(), /Type one or more words/);
    });

    test('filters: section with its children, author, date range', async () => {
      const all = await search(t.deps, { q: 'turbine café київ zebra', limit: 20 }).then((r) => r.results.length);
      assert.equal(all, 0, 'all words must match one story');
      assert.deepEqual(await find(t, 'turbine', '&section=world'), [s.turbineBody]);
      assert.deepEqual(await find(t, 'київ', '&section=world'), [s.kyiv], 'Europe is inside World');
      assert.deepEqual(await find(t, 'київ', '&section=sport'), []);
      assert.deepEqual(await find(t, 'київ', `&author=${authorSlug}`), [s.kyiv]);
      assert.deepEqual(await find(t, 'turbine', `&author=${authorSlug}`), []);
      assert.deepEqual(await find(t, 'turbine', '&from=2026-01-08'), [s.turbineBody]);
      assert.deepEqual(await find(t, 'turbine', '&to=2026-01-07'), [s.turbineHead], '"to" includes the whole day');
      assert.deepEqual(await find(t, 'turbine', '&from=2026-01-08&to=2026-01-08'), []);
    });

    test('bad or empty queries get help or a clear 400, never a 500', async () => {
      const empty = await t.request('/search');
      assert.equal(empty.status, 200);
      assert.match(await empty.text(), /Search every published story/);
      const cases = [
        `q=${'x'.repeat(201)}`,
        'q=a&section=Bad Slug',
        'q=a&section=nowhere',
        'q=a&author=nobody',
        'q=a&from=2026-13-45',
        'q=a&from=yesterday',
        'q=a&from=2026-02-01&to=2026-01-01',
        'q=a&after=!!',
        `q=a&after=${Buffer.from('x~1').toString('base64url')}`,
      ];
      for (const qs of cases) {
        const res = await t.request(`/search?${qs}`);
        assert.equal(res.status, 400, qs);
        const html = await res.text();
        assert.match(html, /role="alert"/);
        assert.match(html, /<form class="search-form"/, 'the form is there to try again');
      }
    });

    test('results are keyset-paged: every match exactly once, best first', async () => {
      const section = await makeSection(t.deps, { name: 'Paging' });
      const made: number[] = [];
      for (let i = 0; i < 23; i++) {
        const words = Array.from({ length: 1 + (i % 4) }, () => 'walrus').join(' ');
        made.push(
          (
            await makeStory(t.deps, {
              headline: `Walrus ${i}`,
              body: { version: 1, blocks: [p(`${words} and some filler text number ${i}.`)] },
              sectionId: section.id,
              publishedAt: Date.UTC(2026, 1, 1) + (i % 3),
            })
          ).id,
        );
      }
      const seen: number[] = [];
      const scores: number[] = [];
      let after: string | undefined;
      for (let pageNo = 0; pageNo < 10; pageNo++) {
        const page = await search(t.deps, { q: 'walrus', limit: 5, after });
        seen.push(...page.results.map((r) => r.card.id));
        scores.push(...page.results.map((r) => r.score));
        if (!page.next) break;
        after = page.next;
      }
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        made,
      );
      for (let i = 1; i < scores.length; i++) assert.ok(scores[i]! <= scores[i - 1]!, 'scores never rise');
      const html = await (await t.request('/search?q=walrus&section=paging')).text();
      assert.match(html, /href="\/search\?q=walrus&amp;section=paging&amp;after=[A-Za-z0-9_-]+" rel="next"/);
    });

    test('the index follows edits, unpublishing and republishing; a failed write changes nothing', async () => {
      const id = (await makeStory(t.deps, { headline: 'Lighthouse keeper retires', sectionId: world })).id;
      assert.deepEqual(await find(t, 'lighthouse'), [id]);
      await updateStory(t.deps, id, { headline: 'Harbour pilot retires' }, 'test');
      assert.deepEqual(await find(t, 'lighthouse'), []);
      assert.deepEqual(await find(t, 'pilot'), [id]);
      await updateStory(t.deps, id, { body: { version: 1, blocks: [p('A gannet colony returns.')] } }, 'test');
      assert.deepEqual(await find(t, 'gannet'), [id]);
      await updateStory(t.deps, id, { status: 'draft' }, 'test');
      assert.deepEqual(await find(t, 'pilot'), []);
      await updateStory(t.deps, id, { status: 'published' }, 'test');
      assert.deepEqual(await find(t, 'pilot'), [id]);
      await assert.rejects(updateStory(t.deps, id, { headline: 'Kittiwake', sectionId: 999_999 }, 'test'));
      assert.deepEqual(await find(t, 'kittiwake'), [], 'a failed write leaves the index as it was');
      assert.deepEqual(await find(t, 'pilot'), [id]);
      await t.deps.db.deleteFrom('stories').where('id', '=', id).execute();
      // Announced as the app's own writes are, so the cached results page (kept until a story changes) is dropped.
      t.deps.events.publish({ type: 'story.deleted', id, actor: 'test' });
      await t.deps.cache.idle();
      assert.deepEqual(await find(t, 'pilot'), [], 'a deleted story leaves the index');
    });

    test('the migration backfills stories written before it', async () => {
      const sectionId = (await makeSection(t.deps)).id;
      const now = Date.now();
      const row = await insertStoryRow(t.deps.db, {
        slug: 'old-archive-story',
        headline: 'Archive narwhal',
        dek: '',
        excerpt: '',
        body: JSON.stringify({ version: 1, blocks: [p('Полярне сяйво')] }),
        section_id: sectionId,
        status: 'published',
        kind: 'story',
        word_count: 2,
        reading_minutes: 1,
        published_at: now,
        updated_at: now,
        created_at: now,
        hero_caption: '',
        hero_credit: '',
        hero_alt: '',
        hero_image_id: null,
      });
      assert.deepEqual(await find(t, 'narwhal'), []);
      const db = t.deps.db;
      if (dialect === 'sqlite') await sql`drop trigger story_search_on_delete`.execute(db);
      await sql`drop table story_search`.execute(db);
      if (dialect === 'postgres') await sql`drop text search configuration broadsheet_search`.execute(db);
      await m040Search.up(db, dialect);
      await m042SearchRank.up(db, dialect);
      await m101SearchLanguages.up(db, dialect);
      assert.deepEqual(await find(t, 'narwhal'), [row.id]);
      assert.deepEqual(await find(t, 'сяйво'), [row.id]);
      assert.deepEqual(await find(t, 'turbine'), [s.turbineHead, s.turbineBody], 'drafts stay out');
    });
  });

  describe(`search over the bulk seed (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await seedNewsroom(t.deps, { stories: 40, images: 2 });
    });
    after(() => t.close());

    test('every published seeded story is indexed in the same batch', async () => {
      const published = await t.deps.db
        .selectFrom('stories')
        .select(['id', 'headline'])
        .where('status', '=', 'published')
        // Static pages (About, Contact…) are published but never in search.
        .where('kind', '<>', 'page')
        .execute();
      const indexed = await t.deps.db
        .selectFrom('story_search')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(indexed.n), published.length);
      const target = published[published.length - 1]!;
      const word = target.headline.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
      const page = await search(t.deps, { q: word, limit: 50 });
      assert.ok(
        page.results.some((r) => r.card.id === target.id),
        word,
      );
    });
  });
}
