import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { parseFeed } from '../../test/support/feed-parser.js';
import { jsonFeedErrors } from '../../test/support/json-feed.js';
import { atomErrors, wellFormedErrors } from '../../test/support/xml-validate.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';

const BASE = 'http://news.test';
const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const NOW = Date.UTC(2026, 2, 1, 15);

type JsonFeed = { title: string; language: string; home_page_url: string; feed_url: string; items: any[] };

for (const dialect of DIALECTS) {
  describe(`feeds per edition (${dialect})`, () => {
    let t: TestApp;
    let english: Story, ukrainian: Story, onlyUk: Story, authorSlug: string, tagSlug: string;

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const section = await makeSection(t.deps, { name: 'City' });
      const author = await makeAuthor(t.deps, { name: 'Olha Edition' });
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Transport');
      tagSlug = tag.slug;
      const at = Date.UTC(2026, 2, 1, 12);
      const common = { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] };
      english = await makeStory(t.deps, { ...common, headline: 'Night trams return', publishedAt: at });
      ukrainian = await makeStory(t.deps, {
        ...common,
        headline: 'Нічні трамваї повертаються',
        language: 'uk',
        translationOf: english.id,
        publishedAt: at + 60_000,
      });
      onlyUk = await makeStory(t.deps, {
        ...common,
        headline: 'Міст відкриють',
        language: 'uk',
        publishedAt: at + 120_000,
      });
    });
    after(() => t.close());

    const xml = async (path: string) => {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      const text = await res.text();
      assert.deepEqual(await wellFormedErrors(text), [], `${path} is well-formed`);
      if (path.endsWith('.atom')) assert.deepEqual(await atomErrors(text), [], `${path} is valid Atom`);
      return { text, ...(await parseFeed(text)) };
    };
    const json = async (path: string) => {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      const body = (await res.json()) as JsonFeed;
      assert.deepEqual(jsonFeedErrors(body), [], `${path} is a valid JSON Feed`);
      return body;
    };

    test('each edition’s feeds list only its stories, in its language, with links inside the edition', async () => {
      for (const scope of ['', '/sections/city', `/authors/${authorSlug}`, `/tags/${tagSlug}`]) {
        for (const [edition, prefix, titles] of [
          ['en', '', ['Night trams return']],
          ['uk', '/uk', ['Міст відкриють', 'Нічні трамваї повертаються']],
        ] as const) {
          const path = `${prefix}${scope}`;
          // The page the feed mirrors: the edition's home is `/uk/`, with its slash.
          const page = `${BASE}${scope ? path : `${prefix}/`}`;
          const rss = await xml(`${path}/feed.xml`);
          assert.deepEqual(
            rss.items.map((i) => i.title),
            titles,
            `${path}/feed.xml`,
          );
          assert.equal(rss.meta.language, edition, `${path}/feed.xml <language>`);
          assert.equal(rss.meta.link, page);
          assert.equal(rss.meta.xmlurl, `${BASE}${path}/feed.xml`);
          const atom = await xml(`${path}/feed.atom`);
          assert.deepEqual(
            atom.items.map((i) => i.title),
            titles,
            `${path}/feed.atom`,
          );
          assert.match(atom.text, new RegExp(`<feed [^>]*xml:lang="${edition}"`), `${path}/feed.atom xml:lang`);
          assert.equal(atom.meta.xmlurl, `${BASE}${path}/feed.atom`);
          const feed = await json(`${path}/feed.json`);
          assert.deepEqual(
            feed.items.map((i) => i.title),
            titles,
            `${path}/feed.json`,
          );
          assert.equal(feed.language, edition);
          assert.equal(feed.home_page_url, page);
          assert.equal(feed.feed_url, `${BASE}${path}/feed.json`);
          for (const item of feed.items) {
            assert.ok(item.url.startsWith(`${BASE}${prefix}/stories/`), `${item.url} is in the edition`);
            assert.deepEqual(
              item.authors.map((a: { url: string }) => a.url),
              [`${BASE}${prefix}/authors/${authorSlug}`],
            );
          }
        }
      }
    });

    test('titles name the edition when there are several, and a scope’s description is in the edition’s words', async () => {
      assert.equal((await xml('/feed.xml')).meta.title, 'Broadsheet (English)');
      assert.equal((await json('/uk/feed.json')).title, 'Broadsheet (Українська)');
      const city = await xml('/uk/sections/city/feed.xml');
      assert.equal(city.meta.title, 'City — Broadsheet (Українська)');
      assert.equal(city.meta.description, 'Останні матеріали Broadsheet: City.');
      assert.equal((await xml('/sections/city/feed.xml')).meta.description, 'The latest from Broadsheet: City.');
    });

    test('an Atom entry links its translations with hreflang, both ways', async () => {
      const alternates = (entry: any) =>
        [entry['atom:link']]
          .flat()
          .map((l: any) => l['@'])
          .filter((a: any) => a.rel === 'alternate' && a.hreflang)
          .map((a: any) => [a.hreflang, a.href]);
      const en = (await xml('/feed.atom')).items.find((i) => i.title === 'Night trams return')!;
      assert.deepEqual(alternates(en), [['uk', `${BASE}/uk/stories/${ukrainian.slug}`]]);
      const uk = (await xml('/uk/feed.atom')).items;
      assert.deepEqual(alternates(uk.find((i) => i.title === 'Нічні трамваї повертаються')!), [
        ['en', `${BASE}/stories/${english.slug}`],
      ]);
      assert.deepEqual(alternates(uk.find((i) => i.title === 'Міст відкриють')!), [], 'no translation, no alternate');
    });

    test('page heads link to their edition’s feeds, and a story’s permanent id moves to its edition', async () => {
      const feedLinks = (html: string) =>
        [...html.matchAll(/<link rel="alternate" type="application\/rss\+xml" title="([^"]+)" href="([^"]+)"\/>/g)].map(
          (m) => [m[1], m[2]],
        );
      assert.deepEqual(feedLinks(await (await t.request('/uk/')).text()), [
        ['Broadsheet (Українська) (RSS)', `${BASE}/uk/feed.xml`],
      ]);
      assert.deepEqual(feedLinks(await (await t.request(`/uk/stories/${onlyUk.slug}`)).text()), [
        ['Broadsheet (Українська) (RSS)', `${BASE}/uk/feed.xml`],
      ]);
      assert.deepEqual(feedLinks(await (await t.request(`/stories/${english.slug}`)).text()), [
        ['Broadsheet (English) (RSS)', `${BASE}/feed.xml`],
      ]);
      assert.deepEqual(feedLinks(await (await t.request('/uk/sections/city')).text()), [
        ['City — Broadsheet (RSS)', `${BASE}/uk/sections/city/feed.xml`],
      ]);
      const moved = await t.request(`/stories/id/${onlyUk.id}`);
      assert.equal(moved.status, 301);
      assert.equal(moved.headers.get('location'), `/uk/stories/${onlyUk.slug}`);
    });
  });
}
