import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory, p } from '../../test/support/factories.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

const ids = (html: string) => [...html.matchAll(/data-story-id="(\d+)"/g)].map((m) => Number(m[1]));

for (const dialect of DIALECTS) {
  describe(`search per edition and language (${dialect})`, () => {
    let t: TestApp;
    const s: Record<string, number> = {};
    const page = async (path: string) => (await t.request(path)).text();
    const find = async (path: string, q: string) => ids(await page(`${path}?q=${encodeURIComponent(q)}`));

    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const sectionId = (await makeSection(t.deps, { name: 'City' })).id;
      s.kyivUk = (
        await makeStory(t.deps, {
          headline: 'Нічні трамваї повертаються до Києва',
          language: 'uk',
          sectionId,
          body: { version: 1, blocks: [p('У Києві знову курсують трамваї. Kyiv Metro теж працює вночі.')] },
        })
      ).id;
      s.lvivUk = (
        await makeStory(t.deps, {
          headline: 'Львів запускає новий трамвай',
          language: 'uk',
          sectionId,
          body: { version: 1, blocks: [p('Перший рейс — у понеділок.')] },
        })
      ).id;
      s.kyivEn = (
        await makeStory(t.deps, {
          headline: 'Night trams return to Kyiv',
          sectionId,
          body: { version: 1, blocks: [p('The trams are running again in Kyiv, the city says.')] },
        })
      ).id;
      s.metroEn = (
        await makeStory(t.deps, {
          headline: 'Kyiv Metro keeps late hours',
          sectionId,
          body: { version: 1, blocks: [p('Stations stay open.')] },
        })
      ).id;
    });
    after(() => t.close());

    test('a Ukrainian story is found by another case form, by capitals and with stress marks', async () => {
      assert.deepEqual(await find('/uk/search', 'Київ'), [s.kyivUk], 'nominative finds Києва and Києві');
      assert.deepEqual(await find('/uk/search', 'КИЇВ'), [s.kyivUk]);
      assert.deepEqual(await find('/uk/search', 'Ки́їв'), [s.kyivUk], 'a stress mark in the query');
      assert.deepEqual((await find('/uk/search', 'трамвай')).sort(), [s.kyivUk, s.lvivUk].sort());
      assert.deepEqual((await find('/uk/search', 'трамваїв')).sort(), [s.kyivUk, s.lvivUk].sort());
      assert.deepEqual(await find('/uk/search', 'Львова'), [s.lvivUk], 'Львів is found by its genitive');
      assert.deepEqual(await find('/uk/search', 'Кіев'), [], 'і and є are not ї');
    });

    test('hits are marked as written, whatever form the query had', async () => {
      const html = await page(`/uk/search?q=${encodeURIComponent('КИЇВ')}`);
      assert.match(html, /повертаються до <mark>Києва<\/mark>/);
      assert.match(html, /У <mark>Києві<\/mark> знову/);
      const en = await page('/search?q=run');
      assert.match(en, /The trams are <mark>running<\/mark> again/, 'English stemming: run finds running');
    });

    test("each edition searches its own language's stories, and offers the others' as a link", async () => {
      assert.deepEqual((await find('/search', 'Kyiv')).sort(), [s.kyivEn, s.metroEn].sort());
      assert.deepEqual(await find('/uk/search', 'Kyiv'), [s.kyivUk], 'a Latin name in a Ukrainian story');
      const en = await page('/search?q=Kyiv');
      assert.match(en, /<a href="\/uk\/search\?q=Kyiv" hreflang="uk">Also 1 result in the Українська edition<\/a>/);
      const uk = await page('/uk/search?q=Kyiv');
      assert.match(uk, /<html lang="uk"/);
      assert.match(uk, /<a href="\/search\?q=Kyiv" hreflang="en">Ще 2 результати у виданні «English»<\/a>/);
      assert.match(uk, /action="\/uk\/search"/, 'the form stays in the edition');
      assert.match(uk, /<label for="search-q">Шукати матеріали<\/label>/);
      const none = await page(`/search?q=${encodeURIComponent('трамвай')}`);
      assert.match(none, /No stories match “трамвай”/);
      assert.match(none, /Also 2 results in the Українська edition/, 'no match here, two there');
      assert.match(await page('/uk/search'), /Шукайте серед усіх опублікованих матеріалів/);
    });

    test('a bad filter is refused in the edition’s words: /uk/search in Ukrainian, /search in English', async () => {
      const uk = await t.request('/uk/search?q=trams&from=31.01.2026');
      assert.equal(uk.status, 400);
      assert.match(await uk.text(), /Фільтр «from» має бути датою у форматі 2026-01-31\./);
      const en = await t.request('/search?q=trams&from=31.01.2026');
      assert.equal(en.status, 400);
      assert.match(await en.text(), /The &quot;from&quot; filter must be a date such as 2026-01-31\./);
    });

    test('the next page stays in the edition', async () => {
      const sectionId = (await makeSection(t.deps, { name: 'Paging' })).id;
      for (let i = 0; i < 21; i++)
        await makeStory(t.deps, { headline: `Ожеледиця на дорогах ${i}`, language: 'uk', sectionId });
      const q = encodeURIComponent('ожеледиця');
      const html = await page(`/uk/search?q=${q}`);
      assert.equal(ids(html).length, 20);
      const next = /href="(\/uk\/search\?q=[^"]+&amp;after=[A-Za-z0-9_-]+)" rel="next"/.exec(html);
      assert.ok(next, 'the link to the next page is inside /uk/');
      assert.equal(ids(await page(next[1]!.replaceAll('&amp;', '&'))).length, 1);
    });

    test('the content API filters by language and refuses one no edition has', async () => {
      const get = async (qs: string) => {
        const res = await t.request(`/api/v1/search?${qs}`);
        return {
          status: res.status,
          body: (await res.json()) as { data?: { id: number }[]; error?: { message: string } },
        };
      };
      const all = await get('q=Kyiv');
      assert.deepEqual(all.body.data!.map((d) => d.id).sort(), [s.kyivUk, s.kyivEn, s.metroEn].sort());
      const uk = await get('q=Kyiv&language=uk');
      assert.deepEqual(
        uk.body.data!.map((d) => d.id),
        [s.kyivUk],
      );
      const en = await get('q=Kyiv&language=en');
      assert.deepEqual(en.body.data!.map((d) => d.id).sort(), [s.kyivEn, s.metroEn].sort());
      const bad = await get('q=Kyiv&language=de');
      assert.equal(bad.status, 400);
      assert.match(bad.body.error!.message, /no edition in the language "de"/);
      assert.equal((await get('q=Kyiv&language=%3Cb%3E')).status, 400);
    });
  });
}
