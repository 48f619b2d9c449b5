import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory, p } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { openSse } from '../../test/support/sse.js';
import { addEntry, pinEntry, setCoverage } from '../live/liveblog.service.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { addStoryNote } from '../stories/story.service.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const doc = (text: string) => ({ version: 1 as const, blocks: [p(text)] });

/** The words a page hands site.js (`<body data-site-words>`), parsed as a browser would. */
const scriptWords = (page: string) => {
  const m = page.match(/<body data-site-words="([^"]*)">/);
  assert.ok(m, 'the page carries the script’s words');
  const text = m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  return JSON.parse(text.replace(/&amp;/g, '&'));
};

for (const dialect of DIALECTS) {
  describe(`the reader's words come from the edition's catalogue (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    let sectionId: number;

    before(async () => {
      t = await createTestApp(dialect);
      server = await listen(t.app);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      sectionId = (await makeSection(t.deps, { name: 'Місто' })).id;
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    const page = async (path: string, headers: Record<string, string> = {}) => {
      const res = await t.request(path, { headers });
      return { status: res.status, body: await res.text() };
    };

    test('a missing story is a 404 page in the edition’s words, with a way back to that edition', async () => {
      const uk = await page('/uk/stories/xx-nonexistent');
      assert.equal(uk.status, 404);
      assert.match(uk.body, /<html lang="uk"/);
      assert.match(uk.body, /<h1 class="page-title">Сторінку не знайдено<\/h1>/);
      assert.match(uk.body, /Ми не знайшли цієї сторінки/);
      assert.match(uk.body, /<a class="button" href="\/uk\/">До стрічки новин<\/a>/);
      assert.doesNotMatch(uk.body, /could not find|Page not found|Go to the News Feed/);

      const en = await page('/stories/xx-nonexistent');
      assert.equal(en.status, 404);
      assert.match(en.body, /<h1 class="page-title">Page not found<\/h1>/);
      assert.match(en.body, /We could not find that page/);
      assert.match(en.body, /<a class="button" href="\/">Go to the News Feed<\/a>/);

      const section = await page('/uk/sections/no-such-section');
      assert.equal(section.status, 404);
      assert.match(section.body, /Сторінку не знайдено/, 'a missing section too');
    });

    test('a bad request on a reader page: the title in the edition’s words, the error’s own detail marked English', async () => {
      const uk = await page('/uk/?before=not-a-cursor');
      assert.equal(uk.status, 400);
      assert.match(uk.body, /<h1 class="page-title">Запит не вдалося зрозуміти<\/h1>/);
      assert.match(uk.body, /<p lang="en">[^<]+<\/p>/, 'the specific message, in English, says so');
      const en = await page('/?before=not-a-cursor');
      assert.match(en.body, /<h1 class="page-title">That request did not make sense<\/h1>/);
      assert.doesNotMatch(en.body, /<p lang="en">/);
    });

    test('the JSON API keeps its English messages', async () => {
      const res = await t.request('/api/v1/stories/999999');
      assert.equal(res.status, 404);
      assert.match((await res.json()).error.message, /^We could not find that story\.$/);
    });

    test('story notes are headed “Виправлення:” and “Оновлення:” in the Ukrainian edition', async () => {
      const story = await makeStory(t.deps, { sectionId, headline: 'Міст відкрито', language: 'uk' });
      await addStoryNote(t.deps, story.id, { kind: 'correction', body: 'Міст коштує 4 млн.', userId: null }, 'test');
      await addStoryNote(t.deps, story.id, { kind: 'update', body: 'Рух відновлено.', userId: null }, 'test');
      const uk = await page(`/uk/stories/${story.slug}`);
      assert.equal(uk.status, 200);
      assert.match(uk.body, /<aside class="story-notes" aria-label="Виправлення й оновлення">/);
      assert.match(uk.body, /<strong>Виправлення:<\/strong> Міст коштує 4 млн\./);
      assert.match(uk.body, /<strong>Оновлення:<\/strong> Рух відновлено\./);
      assert.doesNotMatch(uk.body, /Correction:|Update:/);

      const english = await makeStory(t.deps, { sectionId, headline: 'Bridge opens' });
      await addStoryNote(t.deps, english.id, { kind: 'correction', body: 'It costs €4m.', userId: null }, 'test');
      assert.match((await page(`/stories/${english.slug}`)).body, /<strong>Correction:<\/strong> It costs €4m\./);
    });

    test('an embedded story is labelled in the words of the page it is embedded in', async () => {
      const related = await makeStory(t.deps, { sectionId, headline: 'Міст: хронологія', language: 'uk' });
      const embed = { type: 'embed' as const, storyId: related.id };
      const host = await makeStory(t.deps, {
        sectionId,
        headline: 'Міст відкрили',
        language: 'uk',
        body: { version: 1, blocks: [p('Текст.'), embed] },
      });
      const uk = (await page(`/uk/stories/${host.slug}`)).body;
      assert.match(uk, /<aside class="embed" aria-label="Пов’язаний матеріал">/);
      assert.match(uk, /<span class="embed-kicker">Також читайте<\/span>/);
      const english = await makeStory(t.deps, { sectionId, body: { version: 1, blocks: [p('Text.'), embed] } });
      const en = (await page(`/stories/${english.slug}`)).body;
      assert.match(en, /<span class="embed-kicker">Related<\/span>[\s\S]*Міст: хронологія/);
    });

    test('a Ukrainian live blog speaks Ukrainian on its page and in the entries it streams', async () => {
      const blog = await makeStory(t.deps, {
        sectionId,
        headline: 'Вибори: онлайн',
        kind: 'liveblog',
        language: 'uk',
      });
      const first = await addEntry(t.deps, blog.id, { headline: 'Дільниці відкрито', body: doc('Почалося.') }, 'test');
      await pinEntry(t.deps, first.id, true, 'test');
      const live = await page(`/uk/stories/${blog.slug}`);
      assert.match(live.body, /<h2 id="liveblog-title" class="liveblog-title">Останні оновлення<\/h2>/);
      assert.match(live.body, /<span class="live">НАЖИВО<\/span> Оновлення з’являються тут щойно стаються\./);
      assert.match(live.body, /<span class="pin">Закріплено<\/span>/);
      assert.match(live.body, /aria-label="Посилання на цей запис"/);
      assert.doesNotMatch(live.body, /Latest updates|Pinned|Link to this entry|Updates appear/);

      await t.deps.live.pull();
      const reader = openSse(`${server.url}/live/feed?blog=${blog.id}`);
      assert.equal(await reader.status, 200);
      const second = await addEntry(t.deps, blog.id, { headline: 'Явка висока', body: doc('Черги.') }, 'test');
      await pinEntry(t.deps, second.id, true, 'test');
      await reader.waitFor((e) => e.length >= 2, 'the entry and its pinning');
      const pinned = reader.events[1]!.data;
      assert.equal(pinned.type, 'entry.updated');
      assert.match(pinned.html, /<span class="pin">Закріплено<\/span>/);
      assert.match(pinned.html, /aria-label="Посилання на цей запис"/);
      reader.close();

      await setCoverage(t.deps, blog.id, true, 'test');
      const ended = await page(`/uk/stories/${blog.slug}`);
      assert.match(ended.body, /Цю онлайн-трансляцію завершено <time datetime="[^"]+">[^<]+<\/time>\./);
      assert.doesNotMatch(ended.body, /This live coverage ended|No updates yet/);
    });

    test('each page hands site.js its words in the edition’s language, with Ukrainian’s four plural forms', async () => {
      const uk = scriptWords((await page('/uk/')).body);
      assert.equal(uk.loading, 'Завантаження…');
      assert.equal(uk.live, 'НАЖИВО');
      assert.deepEqual(uk.newStories, {
        one: '{{count}} новий матеріал',
        few: '{{count}} нові матеріали',
        many: '{{count}} нових матеріалів',
        other: '{{count}} нового матеріалу',
      });
      const en = scriptWords((await page('/')).body);
      assert.equal(en.loading, 'Loading…');
      assert.deepEqual(en.newStories, { one: '{{count}} new story', other: '{{count}} new stories' });
    });
  });
}
