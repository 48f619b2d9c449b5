import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory, p } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { publishStory } from '../stories/story.service.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

/** The hreflang links of a page's head, as [language, href]. */
const hreflangs = (page: string) =>
  [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);

for (const dialect of DIALECTS) {
  describe(`editions on the reader site (${dialect})`, () => {
    let t: TestApp;
    let english: Story;
    let ukrainian: Story;
    let onlyUk: Story;
    const base = 'http://localhost:3000';

    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: base } });
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const section = await makeSection(t.deps, { name: 'City' });
      english = await makeStory(t.deps, {
        headline: 'Night trams return to the river line',
        sectionId: section.id,
        body: { version: 1, blocks: [p('The trams run again from Monday.')] },
      });
      ukrainian = await makeStory(t.deps, {
        headline: 'Нічні трамваї повертаються на річкову лінію',
        sectionId: section.id,
        language: 'uk',
        translationOf: english.id,
        body: { version: 1, blocks: [p('Трамваї знову курсують з понеділка.')] },
      });
      onlyUk = await makeStory(t.deps, {
        headline: 'Міст відкриють після ремонту',
        sectionId: section.id,
        language: 'uk',
        body: { version: 1, blocks: [p(Array.from({ length: 1200 }, () => 'слово').join(' '))] },
      });
    });
    after(() => t.close());

    const page = async (path: string) => {
      const res = await t.request(path);
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    };

    test('each edition has its own home News Feed, in its own words', async () => {
      const en = await page('/');
      assert.equal(en.status, 200);
      assert.match(en.body, /<html lang="en"/);
      assert.match(en.body, /Night trams return/);
      assert.doesNotMatch(en.body, /Нічні трамваї|Міст відкриють/);
      const uk = await page('/uk/');
      assert.equal(uk.status, 200);
      assert.match(uk.body, /<html lang="uk"/);
      assert.match(uk.body, /Нічні трамваї/);
      assert.match(uk.body, /Міст відкриють/);
      assert.doesNotMatch(uk.body, /Night trams return/);
      assert.match(uk.body, /Стрічка новин/);
      assert.match(uk.body, /href="\/uk\/stories\//, 'cards link inside the edition');
      assert.equal((await page('/uk')).status, 200, 'the prefix alone is the edition home');
    });

    test('a prefix that names no edition is a 404, and the desk and API exist once, unprefixed', async () => {
      assert.equal((await page('/xx/')).status, 404);
      assert.equal((await page(`/xx/stories/${english.slug}`)).status, 404);
      assert.equal((await page('/uk/desk')).status, 404);
      assert.equal((await page('/uk/api/v1/stories')).status, 404);
    });

    test('a story lives in its language’s edition: asked for under another prefix it moves there', async () => {
      const wrong = await page(`/uk/stories/${english.slug}`);
      assert.equal(wrong.status, 301);
      assert.equal(wrong.location, `/stories/${english.slug}`);
      const wrongUk = await page(`/stories/${ukrainian.slug}`);
      assert.equal(wrongUk.status, 301);
      assert.equal(wrongUk.location, `/uk/stories/${ukrainian.slug}`);
    });

    test('a story and its translation link each other with hreflang (x-default the primary’s), and the switcher goes to the translation', async () => {
      const en = await page(`/stories/${english.slug}`);
      const uk = await page(`/uk/stories/${ukrainian.slug}`);
      const expected = [
        ['en', `${base}/stories/${english.slug}`],
        ['uk', `${base}/uk/stories/${ukrainian.slug}`],
        ['x-default', `${base}/stories/${english.slug}`],
      ];
      assert.deepEqual(hreflangs(en.body), expected);
      assert.deepEqual(hreflangs(uk.body), expected, 'reciprocal: the translation lists the same set');
      assert.match(en.body, /<meta property="og:locale" content="en_GB"\/>/);
      assert.match(en.body, /<meta property="og:locale:alternate" content="uk_UA"\/>/);
      assert.match(uk.body, /<meta property="og:locale" content="uk_UA"\/>/);
      assert.match(
        en.body,
        new RegExp(`<a href="/uk/stories/${ukrainian.slug}" hreflang="uk" lang="uk" rel="alternate">Українська</a>`),
      );
      assert.match(
        uk.body,
        new RegExp(`<a href="/stories/${english.slug}" hreflang="en" lang="en" rel="alternate">English</a>`),
      );
    });

    test('a story without a translation has no alternates and no switcher; listing pages switch to their counterpart', async () => {
      const only = await page(`/uk/stories/${onlyUk.slug}`);
      assert.deepEqual(hreflangs(only.body), []);
      assert.doesNotMatch(only.body, /class="editions"/);
      const home = await page('/uk/');
      assert.deepEqual(hreflangs(home.body), [
        ['en', `${base}/`],
        ['uk', `${base}/uk/`],
        ['x-default', `${base}/`],
      ]);
      assert.match(home.body, /<a href="\/" hreflang="en" lang="en" rel="alternate">English<\/a>/);
    });

    test('Ukrainian pages say reading time in Ukrainian plural forms, and dates in Ukrainian', async () => {
      const only = await page(`/uk/stories/${onlyUk.slug}`);
      // 1,200 words at 238 a minute: 6 minutes, the "many" form.
      assert.match(only.body, /<span class="reading-time">6 хвилин читання<\/span>/);
      assert.match(
        only.body,
        /Опубліковано <time datetime="[^"]+">[^<]*(січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)/,
      );
    });

    test('publishing one language leaves the other as it is, and a draft translation is not an alternate', async () => {
      const draft = await makeStory(t.deps, {
        headline: 'Ferry timetable changes',
        status: 'draft',
        language: 'en',
        translationOf: onlyUk.id,
      });
      assert.deepEqual(hreflangs((await page(`/uk/stories/${onlyUk.slug}`)).body), []);
      assert.equal((await page(`/stories/${draft.slug}`)).status, 404);
      await publishStory(t.deps, draft.id, 'test');
      assert.equal((await page(`/stories/${draft.slug}`)).status, 200);
      assert.deepEqual(
        hreflangs((await page(`/uk/stories/${onlyUk.slug}`)).body).map(([l]) => l),
        ['en', 'uk', 'x-default'],
      );
      // The Ukrainian story's own status and time did not move.
      const row = await t.deps.db
        .selectFrom('stories')
        .select(['status', 'published_at'])
        .where('id', '=', onlyUk.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'published');
      assert.equal(Number(row.published_at), Number(onlyUk.published_at));
    });

    test('a group holds one story per language; a language with no edition is refused', async () => {
      await assert.rejects(
        makeStory(t.deps, { headline: 'Another', language: 'uk', translationOf: english.id }),
        (err: Error & { status?: number }) => err.status === 409 && /already has a translation/.test(err.message),
      );
      await assert.rejects(
        makeStory(t.deps, { headline: 'Another', language: 'de' }),
        (err: Error & { status?: number }) => err.status === 400 && /no edition in “de”/.test(err.message),
      );
      await assert.rejects(
        makeStory(t.deps, { headline: 'Same', language: 'en', translationOf: english.id }),
        (err: Error & { status?: number }) => err.status === 400,
      );
    });
  });
}
