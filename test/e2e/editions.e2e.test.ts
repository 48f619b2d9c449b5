import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedNewsroom } from '../../src/seed/seed.demo.js';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';

// The demo newsroom's two editions, as a reader clicks through them in real Chromium.
describe('editions in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  /** An English story and its published Ukrainian translation. */
  let pair: { en: { slug: string; headline: string }; uk: { slug: string; headline: string } };

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      await seedNewsroom(env.deps, { stories: 40, images: 2 });
    });
    const rows = await env.deps.db
      .selectFrom('stories')
      .select(['slug', 'headline', 'language', 'translation_group'])
      .where('translation_group', 'is not', null)
      // A story pair (the demo's About page is translated too, but lives at /about).
      .where('kind', '<>', 'page')
      .where('status', '=', 'published')
      .orderBy('id', 'desc')
      .execute();
    const uk = rows.find(
      (r) =>
        r.language === 'uk' && rows.some((x) => x.language === 'en' && x.translation_group === r.translation_group),
    )!;
    const en = rows.find((r) => r.language === 'en' && r.translation_group === uk.translation_group)!;
    pair = { en, uk };
  });
  after(() => site?.close());

  const switcher = (page: Page, name: string) => page.locator('nav.editions').getByRole('link', { name, exact: true });

  test('the switcher on a story goes to its translation and back; on the Ukrainian home, to the English home', async () => {
    const { server, browser } = site;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/stories/${pair.en.slug}`);
    assert.equal(await page.locator('article.story h1').textContent(), pair.en.headline);
    await switcher(page, 'Українська').click();
    await page.waitForURL(`${server.url}/uk/stories/${pair.uk.slug}`);
    assert.equal(
      await page.locator('article.story h1').textContent(),
      pair.uk.headline,
      'the translation, not the home',
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'uk');

    await switcher(page, 'English').click();
    await page.waitForURL(`${server.url}/stories/${pair.en.slug}`);
    assert.equal(await page.locator('article.story h1').textContent(), pair.en.headline);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    // The Ukrainian home's live script listens to the Ukrainian edition's stream.
    const stream = page.waitForRequest((r) => r.url().includes('/live/feed'));
    await page.goto(`${server.url}/uk/`);
    assert.equal(new URL((await stream).url()).pathname, '/uk/live/feed');
    const ukCards = await page
      .locator('[data-feed-items] > li h2 a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(ukCards.length > 0);
    assert.ok(
      ukCards.every((href) => href?.startsWith('/uk/stories/')),
      'the Ukrainian home lists Ukrainian stories',
    );
    await switcher(page, 'English').click();
    await page.waitForURL(`${server.url}/`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
