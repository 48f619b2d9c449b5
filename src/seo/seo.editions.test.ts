import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';

const BASE = 'http://news.test';
const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

type Tag = { name: string; attribs: Record<string, string>; children: { data?: string }[] };

/** A page's JSON-LD blocks (parsed) and its meta tags, as a crawler's HTML parser reads them. */
function headOf(html: string) {
  const all: Tag[] = [];
  const walk = (n: any) => {
    if (n.type === 'tag' || n.type === 'script') all.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseDocument(html));
  const jsonLd: Record<string, any>[] = all
    .filter((e) => e.name === 'script' && e.attribs.type === 'application/ld+json')
    .map((e) => JSON.parse(e.children[0]?.data ?? ''));
  return {
    ofType: (type: string) => jsonLd.find((d) => d['@type'] === type)!,
    meta: (property: string) => all.find((e) => e.name === 'meta' && e.attribs.property === property)?.attribs.content,
  };
}

for (const dialect of DIALECTS) {
  describe(`structured data per edition (${dialect})`, () => {
    let t: TestApp;
    let english: Story, ukrainian: Story, onlyUk: Story, imported: Story, authorSlug: string;

    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const section = await makeSection(t.deps, { name: 'City' });
      const author = await makeAuthor(t.deps, { name: 'Ld Author' });
      authorSlug = author.slug;
      const common = { sectionId: section.id, authorIds: [author.id] };
      english = await makeStory(t.deps, { ...common, headline: 'Night trams return' });
      ukrainian = await makeStory(t.deps, {
        ...common,
        headline: 'Нічні трамваї повертаються',
        language: 'uk',
        translationOf: english.id,
      });
      onlyUk = await makeStory(t.deps, { ...common, headline: 'Міст відкриють', language: 'uk' });
      // An imported story keeps the language its source said, even one the newsroom has no edition in.
      imported = await makeStory(t.deps, { ...common, headline: 'Nachtstraßenbahnen' });
      await t.deps.db.updateTable('stories').set({ language: 'de' }).where('id', '=', imported.id).execute();
    });
    after(() => t.close());

    const head = async (path: string) => {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      return headOf(await res.text());
    };

    test('a NewsArticle is in its story’s own language, and a translation and its source name each other', async () => {
      const enUrl = `${BASE}/stories/${english.slug}`;
      const ukUrl = `${BASE}/uk/stories/${ukrainian.slug}`;
      const en = (await head(`/stories/${english.slug}`)).ofType('NewsArticle');
      assert.equal(en.inLanguage, 'en');
      assert.deepEqual(en.workTranslation, [
        { '@type': 'NewsArticle', '@id': `${ukUrl}#article`, url: ukUrl, inLanguage: 'uk' },
      ]);
      assert.equal(en.translationOfWork, undefined);
      const uk = (await head(`/uk/stories/${ukrainian.slug}`)).ofType('NewsArticle');
      assert.equal(uk.inLanguage, 'uk');
      assert.deepEqual(uk.translationOfWork, {
        '@type': 'NewsArticle',
        '@id': `${enUrl}#article`,
        url: enUrl,
        inLanguage: 'en',
      });
      assert.equal(uk['@id'], `${ukUrl}#article`, 'the id the source names is the translation’s own');
      const only = (await head(`/uk/stories/${onlyUk.slug}`)).ofType('NewsArticle');
      assert.equal(only.inLanguage, 'uk');
      assert.equal(only.workTranslation, undefined);
      assert.equal(only.translationOfWork, undefined);
      const de = (await head(`/stories/${imported.slug}`)).ofType('NewsArticle');
      assert.equal(de.inLanguage, 'de', 'the story’s language, not the edition it is shown in');
    });

    test('each edition’s home is its own WebSite, and author pages are in the page’s edition’s language', async () => {
      for (const [path, language] of [
        ['/', 'en'],
        ['/uk/', 'uk'],
      ] as const) {
        const h = await head(path);
        const site = h.ofType('WebSite');
        assert.equal(site.url, BASE + path);
        assert.equal(site.inLanguage, language);
        assert.equal(site.potentialAction.target.urlTemplate, `${BASE}${path}search?q={search_term_string}`);
        assert.equal(h.meta('og:url'), BASE + path);
      }
      assert.equal((await head(`/uk/authors/${authorSlug}`)).ofType('ProfilePage').inLanguage, 'uk');
      assert.equal((await head(`/authors/${authorSlug}`)).ofType('ProfilePage').inLanguage, 'en');
    });
  });
}
