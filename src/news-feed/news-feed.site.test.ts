import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { PAGE_SIZE } from './news-feed.service.js';

const ids = (html: string) => [...html.matchAll(/data-story-id="(\d+)"/g)].map((m) => Number(m[1]));
const nextHref = (html: string) => /href="([^"]+)" data-show-more="true"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

for (const dialect of DIALECTS) {
  describe(`listing pages (${dialect})`, () => {
    let t: TestApp;
    const created: number[] = [];
    let world: number, europe: number, politics: number, authorSlug: string, tagSlug: string;
    before(async () => {
      t = await createTestApp(dialect);
      world = (await makeSection(t.deps, { name: 'World' })).id;
      europe = (await makeSection(t.deps, { name: 'Europe', parent_id: world })).id;
      politics = (await makeSection(t.deps, { name: 'Politics' })).id;
      const author = await makeAuthor(t.deps, { name: 'Feed Author' });
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Energy');
      tagSlug = tag.slug;
      const img = await makeImage(t.deps);
      const base = Date.UTC(2026, 0, 1);
      // 45 stories; two share a publish time to prove the (time, id) tie-break.
      for (let i = 0; i < 45; i++) {
        const s = await makeStory(t.deps, {
          headline: `Story number ${i}`,
          sectionId: i % 3 === 0 ? world : i % 3 === 1 ? europe : politics,
          authorIds: i % 2 === 0 ? [author.id] : [],
          tagIds: i % 5 === 0 ? [tag.id] : [],
          heroImageId: i % 4 === 0 ? img.id : null,
          publishedAt: base + (i === 11 ? 10 : i) * 60_000,
        });
        created.push(s.id);
      }
      await makeStory(t.deps, { headline: 'A draft', status: 'draft', sectionId: world });
    });
    after(() => t.close());

    const expectedOrder = () =>
      created
        .map((id, i) => ({ id, at: i === 11 ? 10 : i }))
        .sort((a, b) => b.at - a.at || b.id - a.id)
        .map((x) => x.id);

    test('the home page is the News Feed, newest first, and Show More walks every story exactly once', async () => {
      const seen: number[] = [];
      let path: string | undefined = '/';
      let pages = 0;
      while (path) {
        const res = await t.request(path);
        assert.equal(res.status, 200, path);
        const html = await res.text();
        const page = ids(html);
        assert.ok(page.length <= PAGE_SIZE);
        seen.push(...page);
        path = nextHref(html);
        pages++;
        assert.ok(pages < 10);
      }
      assert.deepEqual(seen, expectedOrder());
      assert.equal(pages, Math.ceil(45 / PAGE_SIZE));
    });

    test('each card has section label, headline link, time, lede and a thumbnail when the story has one', async () => {
      const html = await (await t.request('/')).text();
      const first = html.slice(
        html.indexOf('<li class="card"'),
        html.indexOf('</li>', html.indexOf('<li class="card"')),
      );
      assert.match(first, /<p class="label"><a href="\/sections\/[a-z-]+">/);
      assert.match(first, /<h2 class="card-headline"><a href="\/stories\/story-number-44">Story number 44<\/a><\/h2>/);
      assert.match(first, /<time datetime="2026-01-01T00:44:00.000Z">/);
      assert.match(first, /<p class="card-lede">First paragraph of a test story.<\/p>/);
      assert.match(first, /<img /, 'story 44 has a hero image');
      assert.ok(!html.includes('A draft'));
      assert.ok(/data-show-more="true" rel="next">Show More<\/a>/.test(html));
    });

    test('a parent section lists its children’s stories; a child only its own', async () => {
      const worldHtml = await (await t.request('/sections/world')).text();
      const europeHtml = await (await t.request('/sections/europe')).text();
      assert.ok(/Story number 43</.test(worldHtml), 'Europe story on World page');
      assert.ok(/Story number 42</.test(worldHtml), 'World story on World page');
      assert.ok(/Story number 43</.test(europeHtml), 'Europe story on Europe page');
      assert.ok(!/Story number 42</.test(europeHtml), 'World story not on Europe page');
      assert.ok(!/Story number 44</.test(worldHtml), 'Politics story not on World page');
      assert.ok(/<nav class="crumbs"/.test(europeHtml));
    });

    test('author and tag pages list their stories, keyset-paged', async () => {
      const author = await (await t.request(`/authors/${authorSlug}`)).text();
      assert.match(author, /<h1 class="page-title">Feed Author<\/h1>/);
      assert.match(author, /Reporter/);
      const authorIds = ids(author);
      assert.equal(authorIds.length, PAGE_SIZE);
      const authorNext = nextHref(author);
      assert.ok(authorNext?.startsWith(`/authors/${authorSlug}?before=`));
      const page2 = ids(await (await t.request(authorNext!)).text());
      assert.equal(page2.length, 3);
      assert.equal(new Set([...authorIds, ...page2]).size, 23);
      const tag = ids(await (await t.request(`/tags/${tagSlug}`)).text());
      assert.equal(tag.length, 9);
    });

    test('bad input gets a clear 4xx, never a 500', async () => {
      const cases: [string, number][] = [
        ['/?before=garbage!', 400],
        [`/?before=${Buffer.from('1.x').toString('base64url')}`, 400],
        [`/?before=${'A'.repeat(300)}`, 400],
        ["/sections/world?before=' OR 1=1 --", 400],
        ['/authors/nobody', 404],
        ['/tags/nothing-here', 404],
        ['/sections/none', 404],
        [`/?${Array.from({ length: 500 }, (_, i) => `k${i}=${'v'.repeat(20)}`).join('&')}`, 200],
        ['/?before=&before=x', 200],
      ];
      for (const [path, status] of cases) {
        const res = await t.request(path);
        assert.equal(res.status, status, path.slice(0, 80));
        const body = await res.text();
        assert.ok(!/at .*\.ts:\d+/.test(body), 'no stack trace');
        if (status === 400) assert.match(body, /not valid/);
      }
    });

    test('health check answers with the database state', async () => {
      const res = await t.request('/healthz');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', database: dialect, services: { database: 'up' } });
    });
  });
}
