import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';
import { makeSection, makeStory, p } from '../support/factories.js';

// The browser sees the same page whichever database is behind it (search.test.ts covers both engines).
describe('search page in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  let server: E2eSite['server'];
  let browser: E2eSite['browser'];

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      const sectionId = (await makeSection(env.deps, { name: 'City' })).id;
      await makeStory(env.deps, {
        headline: 'Тролейбуси повертаються на маршрути',
        sectionId,
        body: {
          version: 1,
          blocks: [p('Мерія каже, що <img src=x onerror=alert(1)> тролейбуси поїдуть у понеділок.')],
        },
      });
      for (let i = 0; i < 23; i++)
        await makeStory(env.deps, {
          headline: `Ferry timetable ${i}`,
          sectionId,
          body: { version: 1, blocks: [p(`The ferry leaves at ${i} o'clock.`)] },
        });
    });
    ({ server, browser } = site);
  });
  after(() => site?.close());

  test('a reader searches from the masthead link, sees marked hits, and pages through results', async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search stories').fill('ТРОЛЕЙБУСИ');
    // Count only once the results page has loaded: a count taken mid-navigation sees the old or a half-parsed page.
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === 'ТРОЛЕЙБУСИ'),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    const results = page.getByRole('list', { name: 'Search results' }).locator('li');
    assert.equal(await results.count(), 1);
    assert.deepEqual(await results.locator('mark').allTextContents(), ['Тролейбуси', 'тролейбуси']);
    assert.match(
      (await results.locator('.card-lede').textContent()) ?? '',
      /<img src=x onerror=alert\(1\)>/,
      'markup in the text is shown as text',
    );
    assert.equal(await page.locator('main img[src="x"]').count(), 0);

    await page.getByLabel('Search stories').fill('ferry');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === 'ferry' && !u.searchParams.has('after')),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    assert.equal(await results.count(), 20);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('after')),
      page.getByRole('link', { name: 'More results' }).click(),
    ]);
    assert.equal(await results.count(), 3);
    assert.equal(await page.getByLabel('Search stories').inputValue(), 'ferry');
    assert.deepEqual(dialogs, []);
  });
});
