import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { openApiValidators } from '../../test/support/openapi.js';
import type { Story } from '../db/database.js';
import { saveAuthorWords } from '../authors/author.repo.js';
import { setSectionNames } from '../sections/section.service.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { setTagNames } from '../tags/tag.service.js';

const BASE = 'http://news.test';
const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

type Summary = {
  id: number;
  url: string;
  language: string;
  translationGroup: number | null;
  translations: { id: number; slug: string; language: string; url: string }[];
  authors: { url: string }[];
};

for (const dialect of DIALECTS) {
  describe(`the content API and editions (${dialect})`, () => {
    let t: TestApp;
    let english: Story, ukrainian: Story, onlyUk: Story, draftEn: Story, authorSlug: string;
    let validator: ReturnType<typeof openApiValidators>;

    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const section = await makeSection(t.deps, { name: 'City' });
      const author = await makeAuthor(t.deps, { name: 'Api Edition' });
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
      draftEn = await makeStory(t.deps, { ...common, headline: 'Bridge', status: 'draft', translationOf: onlyUk.id });
      validator = openApiValidators(await (await t.request('/api/v1/openapi.json')).json());
    });
    after(() => t.close());

    const get = async (url: string, schema: string) => {
      const res = await t.request(url);
      assert.equal(res.status, 200, url);
      const body = await res.json();
      const validate = validator(`#/components/schemas/${schema}`);
      assert.ok(validate(body), `${url}: ${JSON.stringify(validate.errors)}`);
      return body as { data: any };
    };

    test('stories carry their language, translation group and published translations, at their edition’s URLs', async () => {
      const all = (await get('/api/v1/stories', 'StoryPage')).data as Summary[];
      const byId = new Map(all.map((s) => [s.id, s]));
      const en = byId.get(english.id)!;
      assert.equal(en.language, 'en');
      assert.equal(en.url, `${BASE}/stories/${english.slug}`);
      assert.equal(en.translationGroup, english.id);
      assert.deepEqual(en.translations, [
        { id: ukrainian.id, slug: ukrainian.slug, language: 'uk', url: `${BASE}/uk/stories/${ukrainian.slug}` },
      ]);
      const uk = byId.get(ukrainian.id)!;
      assert.equal(uk.language, 'uk');
      assert.equal(uk.url, `${BASE}/uk/stories/${ukrainian.slug}`);
      assert.deepEqual(uk.authors[0]!.url, `${BASE}/uk/authors/${authorSlug}`);
      assert.equal(uk.translationGroup, english.id);
      assert.deepEqual(
        uk.translations.map((x) => x.url),
        [`${BASE}/stories/${english.slug}`],
      );
      const only = byId.get(onlyUk.id)!;
      assert.equal(only.translationGroup, onlyUk.id, 'its draft translation put it in a group');
      assert.deepEqual(only.translations, [], `the draft ${draftEn.slug} is not listed`);
      const one = (await get(`/api/v1/stories/${ukrainian.slug}`, 'StoryResponse')).data as Summary;
      assert.equal(one.language, 'uk');
      assert.equal(one.translations[0]!.id, english.id);
    });

    test('sections and tags in an edition’s words with ?language=, the base names without it or where none is written', async () => {
      const section = await makeSection(t.deps, { name: 'Harbour' });
      await setSectionNames(
        t.deps,
        section.id,
        [
          { language: 'en', name: 'Harbour', description: 'Ships.' },
          { language: 'uk', name: 'Гавань', description: 'Кораблі.' },
        ],
        'test',
      );
      const tag = await makeTag(t.deps, 'Ferries');
      await setTagNames(t.deps, tag.id, [{ language: 'uk', name: 'Пороми', description: '' }], 'test');
      const named = (body: { data: { id: number; name: string; description?: string }[] }, id: number) =>
        body.data.find((x) => x.id === id);
      const uk = await get('/api/v1/sections?language=uk', 'SectionList');
      assert.deepEqual([named(uk, section.id)?.name, named(uk, section.id)?.description], ['Гавань', 'Кораблі.']);
      assert.equal(named(uk, english.section_id!)?.name, 'City', 'no Ukrainian name: the base one');
      assert.equal(named(await get('/api/v1/sections', 'SectionList'), section.id)?.name, 'Harbour');
      assert.equal(named(await get('/api/v1/tags?language=uk&limit=100', 'TagPage'), tag.id)?.name, 'Пороми');
      assert.equal(named(await get('/api/v1/tags?limit=100', 'TagPage'), tag.id)?.name, 'Ferries');
      assert.equal((await t.request('/api/v1/sections?language=fr')).status, 400);
      assert.equal((await t.request('/api/v1/tags?language=fr')).status, 400);
    });

    test('?language= lists one edition’s stories; a language with no edition is a 400 that names those there are', async () => {
      const uk = (await get('/api/v1/stories?language=uk', 'StoryPage')).data as Summary[];
      assert.deepEqual(uk.map((s) => s.id).sort(), [ukrainian.id, onlyUk.id].sort());
      const en = (await get('/api/v1/stories?language=en', 'StoryPage')).data as Summary[];
      assert.deepEqual(
        en.map((s) => s.id),
        [english.id],
      );
      const feed = (await get('/api/v1/feed?language=uk', 'CardPage')).data as { id: number; url: string }[];
      assert.deepEqual(feed.map((c) => c.id).sort(), [ukrainian.id, onlyUk.id].sort());
      assert.ok(feed.every((c) => c.url.startsWith(`${BASE}/uk/stories/`)));
      assert.equal(((await get('/api/v1/feed', 'CardPage')).data as unknown[]).length, 3, 'every language when absent');
      for (const url of ['/api/v1/stories?language=ua', '/api/v1/feed?language=%3Cb%3E']) {
        const res = await t.request(url);
        assert.equal(res.status, 400, url);
        const body = (await res.json()) as { error: { message: string } };
        assert.match(body.error.message, /There is no edition in ".+"\. The languages are: en, uk\./);
      }
    });

    test('section, tag and author URLs carry the edition prefix of the language they are in, names in its words', async () => {
      const section = await makeSection(t.deps, { name: 'Docks' });
      await setSectionNames(
        t.deps,
        section.id,
        [
          { language: 'en', name: 'Docks', description: '' },
          { language: 'uk', name: 'Доки', description: '' },
        ],
        'test',
      );
      const tag = await makeTag(t.deps, 'Cranes');
      await setTagNames(t.deps, tag.id, [{ language: 'uk', name: 'Крани', description: '' }], 'test');
      const author = await makeAuthor(t.deps, { name: 'Dock Writer', role_title: 'Reporter' });
      await saveAuthorWords(t.deps.db, author.id, 'uk', { role_title: 'Репортерка', bio: '', short_bio: '' });
      const common = { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id] };
      const en = await makeStory(t.deps, { ...common, headline: 'Cranes move' });
      const uk = await makeStory(t.deps, { ...common, headline: 'Крани рушили', language: 'uk', translationOf: en.id });
      await t.deps.cache.idle();

      type Full = Summary & { section: { name: string; url: string }; tags: { name: string; url: string }[] };
      const stories = (await get('/api/v1/stories?limit=100', 'StoryPage')).data as Full[];
      const ukStory = stories.find((s) => s.id === uk.id)!;
      assert.deepEqual(ukStory.section, {
        id: section.id,
        slug: section.slug,
        name: 'Доки',
        description: '',
        parentId: null,
        url: `${BASE}/uk/sections/${section.slug}`,
      });
      assert.deepEqual(ukStory.tags, [
        { id: tag.id, slug: tag.slug, name: 'Крани', url: `${BASE}/uk/tags/${tag.slug}` },
      ]);
      assert.equal(ukStory.authors[0]!.url, `${BASE}/uk/authors/${author.slug}`);
      const enStory = stories.find((s) => s.id === en.id)!;
      assert.deepEqual([enStory.section.name, enStory.section.url], ['Docks', `${BASE}/sections/${section.slug}`]);
      assert.deepEqual(enStory.tags, [{ id: tag.id, slug: tag.slug, name: 'Cranes', url: `${BASE}/tags/${tag.slug}` }]);
      const one = (await get(`/api/v1/stories/${uk.slug}`, 'StoryResponse')).data as Full;
      assert.deepEqual(
        [one.section.url, one.tags[0]!.url],
        [`${BASE}/uk/sections/${section.slug}`, `${BASE}/uk/tags/${tag.slug}`],
      );

      const find = <T extends { id: number }>(body: { data: T[] }, id: number) => body.data.find((x) => x.id === id)!;
      type Linked = { id: number; url: string; roleTitle?: string };
      const ukSection = find<Linked>(await get('/api/v1/sections?language=uk', 'SectionList'), section.id);
      assert.equal(ukSection.url, `${BASE}/uk/sections/${section.slug}`);
      assert.equal(
        find<Linked>(await get('/api/v1/sections', 'SectionList'), section.id).url,
        `${BASE}/sections/${section.slug}`,
      );
      const ukTag = find<Linked>(await get('/api/v1/tags?language=uk&limit=100', 'TagPage'), tag.id);
      assert.equal(ukTag.url, `${BASE}/uk/tags/${tag.slug}`);
      const ukAuthor = find<Linked>(await get('/api/v1/authors?language=uk&limit=100', 'AuthorPage'), author.id);
      assert.deepEqual([ukAuthor.url, ukAuthor.roleTitle], [`${BASE}/uk/authors/${author.slug}`, 'Репортерка']);
      const enAuthor = find<Linked>(await get('/api/v1/authors?limit=100', 'AuthorPage'), author.id);
      assert.deepEqual([enAuthor.url, enAuthor.roleTitle], [`${BASE}/authors/${author.slug}`, 'Reporter']);
      const single = (await get(`/api/v1/authors/${author.slug}?language=uk`, 'AuthorResponse')).data as Linked;
      assert.deepEqual([single.url, single.roleTitle], [`${BASE}/uk/authors/${author.slug}`, 'Репортерка']);
      for (const url of ['/api/v1/authors?language=fr', `/api/v1/authors/${author.slug}?language=fr`])
        assert.equal((await t.request(url)).status, 400, url);

      // The Ukrainian feed's categories are the tags' Ukrainian names (the same query as the API's).
      const feed = await (await t.request('/uk/feed.xml')).text();
      assert.match(feed, /Крани/);
      assert.doesNotMatch(feed, /Cranes/);
    });
  });
}
