import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { addEntry, setCoverage } from '../../src/live/liveblog.service.js';
import { getSettings } from '../../src/settings/settings.repo.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { makeSection, makeStory, p } from '../support/factories.js';
import { listen } from '../support/server.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

// What site.js shows comes from the page's words (#site-words), counted with the page language's plural rules.
describe('site.js speaks the edition’s language in real Chromium', () => {
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let sectionId: number;

  before(async () => {
    env = await createTestEnv('sqlite');
    env.deps.live.start();
    await updateSettings(env.deps, { ...(await getSettings(env.deps.db)), editions: [EN, UK] }, 'test');
    sectionId = (await makeSection(env.deps, { name: 'Світ' })).id;
    await makeStory(env.deps, { sectionId, headline: 'Перший матеріал', language: 'uk' });
    server = await listen(createApp(env.deps));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    env?.deps.live.close();
    await server?.close();
    await env?.close();
  });

  test('new stories wait behind “1 новий матеріал”, “2 нові матеріали”, “5 нових матеріалів”', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/uk/`);
    const notice = page.locator('.live-notice button');
    const publish = (n: number) => makeStory(env.deps, { sectionId, headline: `Новина ${n}`, language: 'uk' });
    const shows = async (text: string) => {
      await page.waitForFunction((want) => document.querySelector('.live-notice button')?.textContent === want, text);
      assert.equal(await notice.textContent(), text);
    };
    await publish(1);
    await shows('1 новий матеріал');
    await publish(2);
    await shows('2 нові матеріали');
    for (const n of [3, 4, 5]) await publish(n);
    await shows('5 нових матеріалів');
    await notice.click();
    assert.equal(await page.locator('[data-feed-items] > li').count(), 6);
    assert.deepEqual(errors, []);
  });

  test('the English edition counts in English: “1 new story”, “2 new stories”', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await makeStory(env.deps, { sectionId, headline: 'One' });
    await page.getByRole('button', { name: '1 new story' }).waitFor();
    await makeStory(env.deps, { sectionId, headline: 'Two' });
    await page.getByRole('button', { name: '2 new stories' }).waitFor();
  });

  test('a Ukrainian live blog’s status line changes to Ukrainian when its coverage ends', async () => {
    const blog = await makeStory(env.deps, { sectionId, headline: 'Наживо', kind: 'liveblog', language: 'uk' });
    await addEntry(env.deps, blog.id, { body: { version: 1, blocks: [p('Почалося.')] } }, 'test');
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/uk/stories/${blog.slug}`);
    await setCoverage(env.deps, blog.id, true, 'test');
    await page.waitForFunction(
      () => document.querySelector('[data-liveblog-status]')?.textContent === 'Цю онлайн-трансляцію завершено.',
    );
  });
});
