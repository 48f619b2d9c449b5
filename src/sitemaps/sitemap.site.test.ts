import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { Hono } from 'hono';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { xsdErrors } from '../../test/support/xml-validate.js';
import type { Story } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { sitemapRoutes } from './sitemap.site.js';
import { NEWS_MAX_URLS, SITEMAP_MAX_URLS } from './sitemap.service.js';
import { newsLanguage } from './sitemap.xml.js';

const BASE = 'http://news.test';
const NOW = Date.UTC(2026, 5, 10, 12);
const HOUR = 3600_000;
const HOSTILE = `Prices & <b>wages</b> "rise" \u0001 ]]>`;
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap'].includes(name),
  trimValues: false,
});
const urlsOf = (xml: string): { loc: string; lastmod?: string; 'news:news'?: any }[] =>
  parser.parse(xml).urlset.url ?? [];
const indexOf = (xml: string): { loc: string; lastmod?: string }[] => parser.parse(xml).sitemapindex.sitemap ?? [];
const path = (loc: string) => loc.slice(BASE.length);

test('the limits are the published ones', () => {
  assert.equal(SITEMAP_MAX_URLS, 50_000);
  assert.equal(NEWS_MAX_URLS, 1_000);
});

test('news languages are reduced to what Google News accepts', () => {
  assert.equal(newsLanguage('en'), 'en');
  assert.equal(newsLanguage('en-GB'), 'en');
  assert.equal(newsLanguage('uk_UA'), 'uk');
  assert.equal(newsLanguage('zh-TW'), 'zh-tw');
  assert.equal(newsLanguage('!!'), 'en');
});

for (const dialect of DIALECTS) {
  describe(`sitemaps (${dialect})`, () => {
    let t: TestApp;
    const published: Story[] = [];
    let drafts: Story[] = [];
    let authorWith: string, authorWithout: string, tagWith: string, tagWithout: string;
    /** Published stories of the last two days, newest first. */
    let recent: Story[];

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      const world = await makeSection(t.deps, { name: 'World' });
      await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const a = await makeAuthor(t.deps, { name: 'Sitemap Author' });
      authorWith = a.slug;
      authorWithout = (await makeAuthor(t.deps, { name: 'Quiet Author' })).slug;
      const tag = await makeTag(t.deps, 'Water');
      tagWith = tag.slug;
      tagWithout = (await makeTag(t.deps, 'Unused')).slug;
      const ages = [90, 80, 70, 50, 47, 30, 20, 5, 1]; // hours before NOW
      for (const [i, age] of ages.entries()) {
        if (i % 4 === 2) drafts.push(await makeStory(t.deps, { status: 'draft', sectionId: world.id }));
        published.push(
          await makeStory(t.deps, {
            headline: i === ages.length - 1 ? HOSTILE : `Story aged ${age} hours`,
            sectionId: world.id,
            authorIds: i % 2 ? [a.id] : [],
            tagIds: i % 3 ? [] : [tag.id],
            publishedAt: NOW - age * HOUR,
            updatedAt: NOW - age * HOUR + 60_000,
          }),
        );
      }
      recent = published.filter((s) => s.published_at! >= NOW - 48 * HOUR).reverse();
      drafts = drafts.filter(Boolean);
    });
    after(() => t.close());

    test('robots.txt names the sitemap index', async () => {
      const res = await t.request('/robots.txt');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/plain/);
      const body = await res.text();
      assert.match(body, /^User-agent: \*$/m);
      assert.match(body, /^Sitemap: http:\/\/news\.test\/sitemap\.xml$/m);
    });

    test('the index and every sitemap it lists validate against the sitemaps.org and Google News schemas', async () => {
      const res = await t.request('/sitemap.xml');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
      const xml = await res.text();
      assert.deepEqual(await xsdErrors(xml, 'sitemapIndex'), []);
      const listed = indexOf(xml).map((s) => path(s.loc));
      assert.deepEqual(listed, [
        '/sitemaps/home.xml',
        '/sitemaps/stories-1.xml',
        '/sitemaps/sections.xml',
        '/sitemaps/authors.xml',
        '/sitemaps/tags.xml',
        '/sitemaps/news.xml',
      ]);
      for (const p of listed) {
        const file = await (await t.request(p)).text();
        assert.deepEqual(await xsdErrors(file, p.endsWith('news.xml') ? 'newsSitemap' : 'sitemap'), [], p);
      }
      const stories = urlsOf(await (await t.request('/sitemaps/stories-1.xml')).text());
      assert.deepEqual(
        stories.map((u) => u.loc),
        published.map((s) => `${BASE}/stories/${s.slug}`),
        'every published story, in id order, no drafts',
      );
      assert.equal(stories[0]!.lastmod, new Date(published[0]!.updated_at).toISOString().replace('.000', ''));
      const sections = urlsOf(await (await t.request('/sitemaps/sections.xml')).text()).map((u) => path(u.loc));
      assert.deepEqual(sections, ['/sections/europe', '/sections/world']);
      const authors = urlsOf(await (await t.request('/sitemaps/authors.xml')).text()).map((u) => path(u.loc));
      assert.deepEqual(authors, [`/authors/${authorWith}`], `not ${authorWithout}, who has no published story`);
      const tags = urlsOf(await (await t.request('/sitemaps/tags.xml')).text()).map((u) => path(u.loc));
      assert.deepEqual(tags, [`/tags/${tagWith}`], `not ${tagWithout}`);
    });

    test('the Google News sitemap lists the last two days, newest first, with publication, language, date and title', async () => {
      await updateSettings(
        t.deps,
        {
          ...(await getSettings(t.deps.db)),
          name: 'The Test & Times',
          editions: [{ code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: '' }],
        },
        'test',
      );
      const xml = await (await t.request('/sitemaps/news.xml')).text();
      assert.deepEqual(await xsdErrors(xml, 'newsSitemap'), []);
      const urls = urlsOf(xml);
      assert.deepEqual(
        urls.map((u) => u.loc),
        recent.map((s) => `${BASE}/stories/${s.slug}`),
      );
      const first = urls[0]!['news:news'];
      assert.equal(first['news:publication']['news:name'], 'The Test & Times');
      // The story's own language, not the newsroom's (its one edition is Ukrainian now; the stories are English).
      assert.equal(first['news:publication']['news:language'], 'en');
      assert.equal(first['news:publication_date'], new Date(NOW - HOUR).toISOString().replace('.000', ''));
      assert.equal(
        first['news:title'],
        HOSTILE.replace('\u0001', ''),
        'a hostile title is escaped, and read back as text',
      );
      assert.ok(!xml.includes('<b>'));
      assert.ok(drafts.length > 0, 'there are drafts to leave out');
      for (const s of drafts) assert.ok(!xml.includes(s.slug));
    });

    test('story sitemaps split by id range at the limit, each valid, together listing every story once', async () => {
      // Only the sitemap routes, with small limits; AppErrors answered with their status as createApp does.
      const app = new Hono();
      app.onError((e, c) => c.text(e.message, e instanceof AppError ? e.status : 500));
      sitemapRoutes({ perFile: 3, newsMax: 2 })(app, t.deps);
      const index = indexOf(await (await app.request('/sitemap.xml')).text());
      const storyFiles = index.map((s) => path(s.loc)).filter((p) => p.startsWith('/sitemaps/stories-'));
      const maxId = Math.max(...published.map((s) => s.id));
      assert.ok(storyFiles.length >= Math.ceil(published.length / 3));
      assert.ok(storyFiles.length <= Math.ceil(maxId / 3));
      const seen: string[] = [];
      for (const p of storyFiles) {
        const xml = await (await app.request(p)).text();
        assert.deepEqual(await xsdErrors(xml, 'sitemap'), [], p);
        const urls = urlsOf(xml);
        assert.ok(urls.length >= 1 && urls.length <= 3, `${p} has ${urls.length} URLs`);
        seen.push(...urls.map((u) => u.loc));
      }
      assert.deepEqual(
        seen,
        published.map((s) => `${BASE}/stories/${s.slug}`),
      );
      assert.equal(new Set(seen).size, seen.length);
      for (const bad of [
        '/sitemaps/stories-0.xml',
        '/sitemaps/stories-999.xml',
        '/sitemaps/stories-999999999.xml',
        '/sitemaps/stories-x.xml',
        '/sitemaps/other.xml',
      ])
        assert.equal((await app.request(bad)).status, 404, bad);
      const news = urlsOf(await (await app.request('/sitemaps/news.xml')).text());
      assert.deepEqual(
        news.map((u) => u.loc),
        recent.slice(0, 2).map((s) => `${BASE}/stories/${s.slug}`),
        'the news limit applies',
      );
    });

    test('sitemaps answer conditional GETs', async () => {
      for (const p of ['/sitemap.xml', '/sitemaps/stories-1.xml', '/sitemaps/news.xml', '/robots.txt']) {
        const first = await t.request(p);
        assert.match(first.headers.get('cache-control')!, /public, max-age=\d+/);
        const again = await t.request(p, { headers: { 'if-none-match': first.headers.get('etag')! } });
        assert.equal(again.status, 304, p);
      }
    });
  });
}
