import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedNewsroom } from '../../src/seed/seed.demo.js';
import { launchBrowser } from '../support/browser.js';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('reader site in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  let server: E2eSite['server'];
  let browser: E2eSite['browser'];

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      await seedNewsroom(env.deps, { stories: 60, images: 4 });
    });
    ({ server, browser } = site);
  });
  after(() => site?.close());

  test('home → Show More appends older stories in place → story page has every element → author Read more', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A failed load (the favicon's 404 was one) is a console error too: every page must load clean.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(`${server.url}/`);
    const items = page.locator('[data-feed-items] > li');
    const firstCount = await items.count();
    assert.equal(firstCount, 20);
    const firstUrl = page.url();
    await page.getByRole('link', { name: 'Show More' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-feed-items] > li').length > 20);
    assert.equal(page.url(), firstUrl, 'appended in place, no navigation');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-story-id')));
    assert.equal(ids.length, 40);
    assert.equal(new Set(ids).size, 40, 'no story twice');

    // Open a story that has every element: hero, quote, related card, author card.
    await page.locator('[data-feed-items] > li h2 a').nth(5).click();
    await page.waitForSelector('article.story h1');
    assert.equal(await page.locator('h1').count(), 1);
    assert.match((await page.locator('.label').first().textContent()) ?? '', /News Feed/);
    assert.match((await page.locator('.reading-time').textContent()) ?? '', /^\d+ min read$/);
    assert.ok(await page.locator('.meta time[datetime]').count());
    assert.ok(await page.locator('.byline a').count());
    assert.ok(await page.locator('blockquote footer').count(), 'quote with attribution');
    assert.ok(await page.locator('.author-card .author-role').count(), 'author card with role');
    assert.ok(await page.locator('.news-feed [data-feed-items] > li').count(), 'News Feed block');
    assert.ok(await page.locator('.news-feed [data-show-more]').count(), 'Show More under the story');
    const heroCount = await page.locator('figure.hero img').count();
    if (heroCount) {
      assert.ok(await page.locator('figure.hero figcaption').count());
      const loaded = await page
        .locator('figure.hero img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      assert.ok(loaded, 'hero image loads');
    }
    // Every image has alt text.
    const missingAlt = await page.locator('img:not([alt])').count();
    assert.equal(missingAlt, 0);

    // Follow the author's "Read more".
    const authorName = (await page.locator('.author-card .author-name a').first().textContent()) ?? '';
    // Its accessible name says whose profile it opens; the eye still sees "Read more".
    const readMore = page.getByRole('link', { name: `Read more about ${authorName}`, exact: true }).first();
    const hidden = await readMore.locator('.visually-hidden').boundingBox();
    assert.ok(hidden && hidden.width <= 1 && hidden.height <= 1, 'the name is not shown, only read');
    await readMore.click();
    await page.waitForSelector('h1.page-title');
    assert.equal(await page.locator('h1.page-title').textContent(), authorName);
    assert.ok(await page.locator('[data-feed-items] > li').count());
    // The browser asks for the favicon by itself; give it time to, on the last page.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, [], 'no console errors on the home, story and author pages');
    assert.deepEqual(failed, [], 'no failed loads');
    assert.deepEqual(external, [], 'no third-party requests');
  });

  test('a story with an embedded related-story card shows it with a working link', async () => {
    const page = await browser.context.newPage();
    const row = await env.deps.db
      .selectFrom('story_embeds')
      .innerJoin('stories', 'stories.id', 'story_embeds.story_id')
      .select(['stories.slug'])
      .where('stories.status', '=', 'published')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/stories/${row.slug}`);
    const card = page.locator('aside.embed a');
    assert.equal(await card.count(), 1);
    // The page we leave has an article too: wait for the URL to change, not for a selector it already matches.
    await Promise.all([page.waitForURL((u) => u.pathname !== `/stories/${row.slug}`), card.click()]);
    await page.waitForSelector('article.story h1');
    assert.match(new URL(page.url()).pathname, /^\/stories\/[^/]+$/);
  });

  test('without JavaScript, Show More is an ordinary link to older stories', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${server.url}/`);
      const first = await page.locator('[data-feed-items] > li').first().getAttribute('data-story-id');
      await page.getByRole('link', { name: 'Show More' }).click();
      await page.waitForURL(/before=/);
      const items = await page.locator('[data-feed-items] > li').count();
      assert.equal(items, 20);
      const newFirst = await page.locator('[data-feed-items] > li').first().getAttribute('data-story-id');
      assert.ok(Number(newFirst) < Number(first));
    } finally {
      await noJs.close();
    }
  });
});
