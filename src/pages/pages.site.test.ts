import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, makeStory, p } from '../../test/support/factories.js';
import type { Section, Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { updateStory } from '../stories/story.service.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const base = 'http://localhost:3000';

for (const dialect of DIALECTS) {
  describe(`static pages and menus (${dialect})`, () => {
    let t: TestApp;
    let section: Section;
    let about: Story;
    let aboutUk: Story;
    let news: Story;
    let editor: DeskClient;
    let author: DeskClient;

    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: base } });
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      section = await makeSection(t.deps, { name: 'City' });
      about = await makeStory(t.deps, {
        headline: 'About the Riverside Ledger',
        slug: 'about',
        kind: 'page',
        sectionId: section.id,
        body: { version: 1, blocks: [p('We report on the river towns.')] },
      });
      aboutUk = await makeStory(t.deps, {
        headline: 'Про нас',
        slug: 'pro-nas',
        kind: 'page',
        language: 'uk',
        translationOf: about.id,
        sectionId: section.id,
        body: { version: 1, blocks: [p('Ми пишемо про річкові міста.')] },
      });
      news = await makeStory(t.deps, { headline: 'Ferry timetable changes', sectionId: section.id });
      editor = await signedIn(t, 'editor');
      author = await signedIn(t, 'author');
    });
    after(() => t.close());

    const get = async (path: string) => {
      const res = await t.request(path);
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    };

    test('a page is at its own address in its edition, with hreflang alternates, and /stories/ moves there', async () => {
      const en = await get('/about');
      assert.equal(en.status, 200, en.body.slice(0, 3000));
      assert.match(en.body, /About the Riverside Ledger/);
      assert.match(en.body, /We report on the river towns/);
      assert.match(en.body, new RegExp(`hreflang="uk" href="${base}/uk/pro-nas"`));
      assert.match(en.body, new RegExp(`<link rel="canonical" href="${base}/about"`));
      const uk = await get('/uk/pro-nas');
      assert.equal(uk.status, 200);
      assert.match(uk.body, /Ми пишемо/);
      assert.equal((await get('/stories/about')).location, '/about');
      assert.equal((await get('/uk/about')).location, '/about', 'another edition’s prefix moves to its own');
      assert.equal((await get(`/${news.slug}`)).status, 404, 'a story is never served at the top level');
      assert.equal((await get('/no-such-page')).status, 404);
    });

    test('pages are never news: not in the News Feed, section pages, feeds, search or the news sitemap', async () => {
      for (const path of ['/', `/sections/${section.slug}`, '/feed.xml', '/sitemaps/news.xml', '/search?q=riverside']) {
        const res = await get(path);
        assert.doesNotMatch(res.body, /About the Riverside Ledger/, path);
      }
      assert.match((await get('/')).body, /Ferry timetable changes/);
    });

    test('the ordinary sitemap lists pages with their hreflang alternates', async () => {
      assert.match((await get('/sitemap.xml')).body, /\/sitemaps\/pages\.xml/);
      const pages = await get('/sitemaps/pages.xml');
      assert.equal(pages.status, 200);
      assert.match(pages.body, new RegExp(`<loc>${base}/about</loc>`));
      assert.match(pages.body, new RegExp(`<loc>${base}/uk/pro-nas</loc>`));
      assert.match(pages.body, /hreflang="uk"/);
    });

    test('menus edited in the desk show in each edition’s header and footer, and a page change purges them', async () => {
      const saved = await editor.postForm('/desk/menus', {
        edition: 'en',
        header: `City desk | section:${section.slug}\n- About us | page:about\nTips | mailto:tips@ledger.test`,
        footer: 'page:about\nPrivacy | /privacy',
      });
      assert.equal(saved.status, 303);
      const ukSaved = await editor.postForm('/desk/menus', { edition: 'uk', header: 'page:about', footer: '' });
      assert.equal(ukSaved.status, 303);
      const home = await getSettled(t, '/');
      assert.match(home.body, new RegExp(`<a href="/sections/${section.slug}">City desk</a><ul class="subnav">`));
      assert.match(home.body, /<li><a href="\/about">About us<\/a><\/li>/);
      assert.match(home.body, /href="mailto:tips@ledger.test">Tips/);
      assert.match(home.body, /class="footer-nav"[\s\S]*<a href="\/about">About the Riverside Ledger<\/a>/);
      // The Ukrainian menu links the same page, shown as its Ukrainian translation.
      assert.match((await get('/uk/')).body, /<a href="\/uk\/pro-nas">Про нас<\/a>/);
      assert.equal((await getSettled(t, '/')).cache, 'HIT');
      await updateStory(t.deps, about.id, { headline: 'About the Ledger' }, 'test');
      const after = await getSettled(t, '/');
      assert.notEqual(after.cache, 'HIT');
      assert.match(after.body, /footer-nav[\s\S]*About the Ledger/);
      const form = await (await editor.get('/desk/menus')).text();
      assert.match(form, /- About us \| page:about/);
    });

    test('bad menus are a 400 naming the problem, and nothing is saved', async () => {
      for (const [header, message] of [
        ['page:nope', /no page &quot;nope&quot;/],
        ['- Under nothing | /x', /goes under a link above it/],
        ['Bad | javascript:alert(1)', /http\(s\) or mailto/],
        ['A | /a\n- B | /b\n-- C | /c', /one level only/],
        ['<script>alert(1)</script> | /x\n'.repeat(41), /at most 40 links/],
      ] as const) {
        const res = await editor.postForm('/desk/menus', { edition: 'en', header, footer: '' });
        assert.equal(res.status, 400, header);
        assert.match(await res.text(), message);
      }
      assert.equal((await editor.postForm('/desk/menus', { edition: 'xx', header: '' })).status, 400);
      const home = await get('/');
      assert.doesNotMatch(home.body, /<script>alert/);
    });

    test('only editors write pages and menus; a page may not take an address the site uses', async () => {
      const page = { headline: 'Ethics', kind: 'page', sectionId: section.id, body: { version: 1, blocks: [p('x')] } };
      assert.equal((await author.postJson('/desk/api/stories', { story: page })).status, 403);
      assert.equal((await author.postForm('/desk/menus', { edition: 'en', header: '' })).status, 403);
      assert.equal((await author.get('/desk/menus')).status, 403);
      const reserved = await editor.postJson('/desk/api/stories', { story: { ...page, slug: 'search' } });
      assert.equal(reserved.status, 400);
      assert.match(await reserved.text(), /the site uses that address/);
      const made = await editor.postJson('/desk/api/stories', { story: page });
      assert.equal(made.status, 201);
      const list = await (await editor.get('/desk/stories?kind=page')).text();
      assert.match(list, /<h1>Pages<\/h1>/);
      assert.match(list, /Ethics/);
      assert.doesNotMatch(list, /Ferry timetable/);
      const editorPage = await (await editor.get('/desk/stories/new?kind=page')).text();
      assert.match(editorPage, /<h1>New page<\/h1>/);
      assert.match(editorPage, /name="kind" value="page"/);
      // An author cannot open a page's editor to change it.
      const id = ((await made.json()) as { id: number }).id;
      const save = await author.postJson(`/desk/api/stories/${id}`, { baseRevision: 1, story: { headline: 'Mine' } });
      assert.equal(save.status, 403);
    });

    test('the reserved addresses cover every route the site answers', async () => {
      const { reservedPageSegments, isReservedPageSlug } = await import('./page.url.js');
      const firsts = new Set(
        t.app.routes
          .map((r) => r.path.split('/')[1] ?? '')
          .filter((s) => s && !s.startsWith(':') && s !== '*' && !s.includes('*')),
      );
      const open = [...firsts].filter((segment) => !isReservedPageSlug(segment));
      assert.deepEqual(open, [], 'every first segment a route takes is reserved');
      assert.ok(reservedPageSegments().size > 0);
      assert.equal(aboutUk.kind, 'page');
    });
  });
}
