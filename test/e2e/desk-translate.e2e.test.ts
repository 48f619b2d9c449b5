import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getSettings } from '../../src/settings/settings.repo.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import type { Story } from '../../src/db/database.js';
import { storyById } from '../../src/stories/story.repo.js';
import { createUser } from '../../src/users/user.service.js';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';
import { makeAuthor, makeSection, makeStory, p } from '../support/factories.js';
import { E2E_PASSWORD, signIn, storyIdFromUrl, waitStatus, watch } from '../support/desk-browser.js';

const HEADLINE = 'Нічні трамваї повертаються на річкову лінію';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('translating a story in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  let source: Story;

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      await updateSettings(
        env.deps,
        {
          ...(await getSettings(env.deps.db)),
          editions: [
            { code: 'en', locale: 'en-GB', name: 'English', prefix: '' },
            { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' },
          ],
        },
        'test',
      );
      const city = await makeSection(env.deps, { name: 'City' });
      source = await makeStory(env.deps, {
        headline: 'Night trams return to the river line',
        dek: 'All night from Friday',
        sectionId: city.id,
        body: { version: 1, blocks: [p('The trams run again from Monday.')] },
      });
      const author = await makeAuthor(env.deps, { name: 'Olena Translator', role_title: 'Editor' });
      await createUser(
        env.deps,
        { email: 'olena@desk.test', name: 'Olena Translator', role: 'editor', password: E2E_PASSWORD },
        { authorId: author.id },
      );
    });
  });
  after(() => site?.close());

  test('an editor translates a story beside its source, publishes it, and the source’s page switches to it', async () => {
    const { server, browser } = site;
    const page = await signIn(browser.context, server.url, 'olena@desk.test');
    const seen = watch(page, server.url);
    await page.goto(`${server.url}/desk/stories/${source.id}/edit`);
    await page.waitForSelector('.ProseMirror');
    await page.selectOption('#translate-language', 'uk');
    await Promise.all([
      page.waitForURL(/done=translation/),
      page.getByRole('button', { name: 'Translate this story' }).click(),
    ]);
    await page.waitForSelector('.ProseMirror');
    const id = storyIdFromUrl(page);
    assert.ok(id > source.id);

    // The source, read only, beside the form; it folds away and opens again.
    const panel = page.locator('details.translation-source');
    assert.equal(await panel.locator('.source-headline').textContent(), 'Night trams return to the river line');
    assert.equal(await panel.locator('.source-text p').last().textContent(), 'The trams run again from Monday.');
    const [panelBox, formBox] = [await panel.boundingBox(), await page.locator('#story-form').boundingBox()];
    assert.ok(panelBox && formBox && panelBox.x > formBox.x + formBox.width / 2, 'beside the form on a wide screen');

    // The translation in Ukrainian: headline and body, autosaved, then published from the side panel.
    await page.fill('#headline', HEADLINE);
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Трамваї знову курсують з понеділка.');
    await waitStatus(page, /^Saved at \d\d:\d\d$/);
    await Promise.all([page.waitForURL(/done=publish/), page.getByRole('button', { name: 'Publish now' }).click()]);
    assert.match((await page.locator('.notice.ok').textContent()) ?? '', /Published/);
    assert.match(
      (await page.locator('#translations').textContent()) ?? '',
      /English \(en\):\s*Night trams return to the river line\s*Published/,
    );

    // On a phone the source sits above the form and can be folded away.
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/desk/stories/${id}/edit`);
    const small = phone.locator('details.translation-source');
    const [smallBox, smallForm] = [await small.boundingBox(), await phone.locator('#story-form').boundingBox()];
    assert.ok(smallBox && smallForm && smallBox.y < smallForm.y, 'above the form');
    assert.ok(smallBox.width <= 390);
    await small.locator('summary').click({ position: { x: 5, y: 5 } });
    assert.equal(await small.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await small.locator('.source-text').isVisible(), false);
    await phone.close();

    // The reader: the source's page offers the Ukrainian edition, which is the translation.
    const reader = await browser.context.newPage();
    const readerSeen = watch(reader, server.url);
    await reader.goto(`${server.url}/stories/${source.slug}`);
    const switcher = reader.locator('nav.editions a[hreflang="uk"]');
    assert.equal(await switcher.textContent(), 'Українська');
    await Promise.all([reader.waitForURL(/\/uk\/stories\/[a-z0-9-]+$/), switcher.click()]);
    assert.equal(await reader.locator('article.story h1').textContent(), HEADLINE);
    assert.match((await reader.locator('article.story .body').textContent()) ?? '', /Трамваї знову курсують/);
    assert.equal(await reader.locator('html').getAttribute('lang'), 'uk');
    for (const s of [seen, readerSeen]) {
      assert.deepEqual(s.errors, []);
      assert.deepEqual(s.csp, [], 'nothing blocked by the Content-Security-Policy');
    }
    await reader.close();
    await page.close();
  });

  test('a new story written for the Ukrainian edition: the editor’s autosave creates it in that language', async () => {
    const { server, browser } = site;
    const page = await signIn(browser.context, server.url, 'olena@desk.test');
    const seen = watch(page, server.url);
    await page.goto(`${server.url}/desk/stories/new`);
    await page.waitForSelector('.ProseMirror');
    await page.selectOption('#language', 'uk');
    await page.fill('#headline', 'Міст відкриють після ремонту');
    await waitStatus(page, /^Saved at \d\d:\d\d$/);
    await page.waitForURL(/\/desk\/stories\/\d+\/edit$/);
    const story = await storyById(env.deps.db, storyIdFromUrl(page));
    assert.equal(story?.language, 'uk');
    assert.equal(story?.slug, 'mist-vidkryiut-pislia-remontu');
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
});
