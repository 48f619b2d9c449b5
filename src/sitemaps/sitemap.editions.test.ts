import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { xsdErrors } from '../../test/support/xml-validate.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';

const BASE = 'http://news.test';
const NOW = Date.UTC(2026, 5, 10, 12);
const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});
type Url = { loc: string; 'xhtml:link'?: { rel: string; hreflang: string; href: string }[]; 'news:news'?: any };
const urlsOf = (xml: string): Url[] => parser.parse(xml).urlset.url ?? [];
const pairs = (u: Url) => (u['xhtml:link'] ?? []).map((l) => `${l.hreflang} ${l.href}`);

for (const dialect of DIALECTS) {
  describe(`sitemaps of every edition, with hreflang (${dialect})`, () => {
    let t: TestApp;
    let english: Story, ukrainian: Story, onlyUk: Story, authorSlug: string, tagSlug: string;

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      await updateSettings(
        t.deps,
        { ...(await getSettings(t.deps.db)), name: 'Kyiv & World', editions: [EN, UK] },
        'test',
      );
      const section = await makeSection(t.deps, { name: 'City' });
      const author = await makeAuthor(t.deps, { name: 'Map Author' });
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Bridges');
      tagSlug = tag.slug;
      const common = { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] };
      english = await makeStory(t.deps, { ...common, headline: 'Night trams return', publishedAt: NOW - 3_600_000 });
      ukrainian = await makeStory(t.deps, {
        ...common,
        headline: 'Нічні трамваї повертаються',
        language: 'uk',
        translationOf: english.id,
        publishedAt: NOW - 1_800_000,
      });
      onlyUk = await makeStory(t.deps, { ...common, headline: 'Міст відкриють', language: 'uk', publishedAt: NOW });
      // A draft translation is no counterpart: the Ukrainian story stays without alternates.
      await makeStory(t.deps, { ...common, headline: 'Bridge to reopen', status: 'draft', translationOf: onlyUk.id });
    });
    after(() => t.close());

    /** Every URL of every sitemap the index lists (but the News one), each file checked against the schemas. */
    const allUrls = async () => {
      const index = await (await t.request('/sitemap.xml')).text();
      assert.deepEqual(await xsdErrors(index, 'sitemapIndex'), []);
      const files = (parser.parse(index).sitemapindex.sitemap as { loc: string }[]).map((s) =>
        s.loc.slice(BASE.length),
      );
      assert.deepEqual(files, [
        '/sitemaps/home.xml',
        '/sitemaps/stories-1.xml',
        '/sitemaps/sections.xml',
        '/sitemaps/sections-uk.xml',
        '/sitemaps/authors.xml',
        '/sitemaps/authors-uk.xml',
        '/sitemaps/tags.xml',
        '/sitemaps/tags-uk.xml',
        '/sitemaps/news.xml',
      ]);
      const urls: Url[] = [];
      for (const file of files.filter((f) => !f.endsWith('news.xml'))) {
        const res = await t.request(file);
        assert.equal(res.status, 200, file);
        const xml = await res.text();
        assert.deepEqual(await xsdErrors(xml, 'sitemap'), [], `${file} validates, hreflang links included`);
        urls.push(...urlsOf(xml));
      }
      return urls;
    };

    test('every edition’s pages are listed, stories at their edition’s URL', async () => {
      const locs = (await allUrls()).map((u) => u.loc.slice(BASE.length)).sort();
      assert.deepEqual(
        locs,
        [
          '/',
          '/uk/',
          `/stories/${english.slug}`,
          `/uk/stories/${ukrainian.slug}`,
          `/uk/stories/${onlyUk.slug}`,
          '/sections/city',
          '/uk/sections/city',
          `/authors/${authorSlug}`,
          `/uk/authors/${authorSlug}`,
          `/tags/${tagSlug}`,
          `/uk/tags/${tagSlug}`,
        ].sort(),
      );
    });

    test('hreflang alternates: every counterpart with x-default the primary’s, each page among its own, reciprocal', async () => {
      const urls = await allUrls();
      const byLoc = new Map(urls.map((u) => [u.loc, u]));
      const story = byLoc.get(`${BASE}/stories/${english.slug}`)!;
      assert.deepEqual(pairs(story), [
        `en ${BASE}/stories/${english.slug}`,
        `uk ${BASE}/uk/stories/${ukrainian.slug}`,
        `x-default ${BASE}/stories/${english.slug}`,
      ]);
      assert.deepEqual(pairs(byLoc.get(`${BASE}/uk/tags/${tagSlug}`)!), [
        `en ${BASE}/tags/${tagSlug}`,
        `uk ${BASE}/uk/tags/${tagSlug}`,
        `x-default ${BASE}/tags/${tagSlug}`,
      ]);
      assert.deepEqual(pairs(byLoc.get(`${BASE}/uk/stories/${onlyUk.slug}`)!), [], 'a draft is no counterpart');
      let checked = 0;
      for (const u of urls) {
        const links = u['xhtml:link'] ?? [];
        if (!links.length) continue;
        assert.ok(links.every((l) => l.rel === 'alternate'));
        assert.ok(
          links.some((l) => l.hreflang !== 'x-default' && l.href === u.loc),
          `${u.loc} is among its own alternates`,
        );
        assert.equal(links.find((l) => l.hreflang === 'x-default')?.href, links.find((l) => l.hreflang === 'en')?.href);
        for (const l of links.filter((x) => x.hreflang !== 'x-default')) {
          const back = byLoc.get(l.href);
          assert.ok(back, `${l.href}, an alternate of ${u.loc}, is in the sitemaps`);
          assert.deepEqual(pairs(back), pairs(u), `${l.href} lists the same alternates as ${u.loc}`);
          checked++;
        }
      }
      // Home, the story, the section, author and tag pages, in two editions each, each naming two counterparts.
      assert.equal(checked, 5 * 2 * 2);
    });

    test('the sitemaps say what each page’s own head says', async () => {
      for (const u of await allUrls()) {
        const page = await (await t.request(u.loc.slice(BASE.length))).text();
        const head = [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(
          (m) => `${m[1]} ${m[2]}`,
        );
        assert.deepEqual(pairs(u), head, u.loc);
      }
    });

    test('the News sitemap gives each story its own language, the publication’s name and its edition URL', async () => {
      const xml = await (await t.request('/sitemaps/news.xml')).text();
      assert.deepEqual(await xsdErrors(xml, 'newsSitemap'), []);
      const news = urlsOf(xml).map((u) => [
        u.loc.slice(BASE.length),
        u['news:news']['news:publication']['news:language'],
        u['news:news']['news:publication']['news:name'],
      ]);
      assert.deepEqual(news, [
        [`/uk/stories/${onlyUk.slug}`, 'uk', 'Kyiv & World'],
        [`/uk/stories/${ukrainian.slug}`, 'uk', 'Kyiv & World'],
        [`/stories/${english.slug}`, 'en', 'Kyiv & World'],
      ]);
    });

    test('the validation is real: another XHTML element, or a hreflang that is no language, is refused', async () => {
      const xml = await (await t.request('/sitemaps/sections.xml')).text();
      assert.ok(xml.includes('<xhtml:link rel="alternate" hreflang="uk"'));
      assert.notDeepEqual(await xsdErrors(xml.replace('hreflang="uk"', 'hreflang="not a language"'), 'sitemap'), []);
      assert.notDeepEqual(await xsdErrors(xml.replace(/<xhtml:link /, '<xhtml:a '), 'sitemap'), []);
    });
  });
}
