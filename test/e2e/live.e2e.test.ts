import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { lowerBanner, raiseBanner } from '../../src/live/banner.js';
import { addEntry, pinEntry, setCoverage } from '../../src/live/liveblog.service.js';
import { updateStory } from '../../src/stories/story.service.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { makeSection, makeStory, p } from '../support/factories.js';
import { listen } from '../support/server.js';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('live updates in real Chromium', () => {
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let sectionId: number;

  before(async () => {
    env = await createTestEnv('sqlite');
    env.deps.live.start();
    sectionId = (await makeSection(env.deps, { name: 'World' })).id;
    for (let i = 0; i < 5; i++)
      await makeStory(env.deps, { sectionId, headline: `Earlier story ${i}`, publishedAt: Date.UTC(2026, 0, 1, i) });
    server = await listen(createApp(env.deps));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    env?.deps.live.close();
    await server?.close();
    await env?.close();
  });

  test('home: a new story waits behind “1 new story”, appears on top when clicked, changes headline in place, then vanishes', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const firstId = () => page.locator('[data-feed-items] > li').first().getAttribute('data-story-id');
    const before = await firstId();

    const story = await makeStory(env.deps, { sectionId, headline: 'Ceasefire announced' });
    const button = page.getByRole('button', { name: '1 new story' });
    await button.waitFor();
    assert.equal(await firstId(), before, 'nothing moves under the reader until they ask');

    await button.click();
    assert.equal(await firstId(), String(story.id));
    assert.equal(
      await page.locator('[data-feed-items] > li').first().locator('h2 a').textContent(),
      'Ceasefire announced',
    );
    assert.equal(await button.count(), 0, 'the notice is gone');

    await updateStory(env.deps, story.id, { headline: 'Ceasefire announced <b>for 72 hours</b>' }, 'desk');
    const headline = page.locator(`[data-story-id="${story.id}"] h2 a`);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-story-id="${id}"] h2 a`)?.textContent?.includes('72 hours'),
      story.id,
    );
    assert.equal(await headline.textContent(), 'Ceasefire announced <b>for 72 hours</b>', 'shown as text, not markup');
    assert.equal(await firstId(), String(story.id), 'changed in place');

    await updateStory(env.deps, story.id, { status: 'draft' }, 'desk');
    await page.waitForSelector(`[data-story-id="${story.id}"]`, { state: 'detached' });
    assert.equal(await firstId(), before);

    await raiseBanner(env.deps, { storyId: Number(before), label: 'Breaking' }, 'desk');
    await page.waitForSelector('#banner-slot .breaking');
    assert.match((await page.locator('#banner-slot').textContent()) ?? '', /Breaking\s+Earlier story 4/);
    await lowerBanner(env.deps, 'desk');
    await page.waitForSelector('#banner-slot .breaking', { state: 'detached' });
    assert.deepEqual(errors, []);
  });

  test('the News Feed block under a story takes new stories too (as h3 cards); without JavaScript a reload shows them', async () => {
    const reading = await makeStory(env.deps, {
      sectionId,
      headline: 'A long read',
      publishedAt: Date.UTC(2025, 0, 1),
    });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/stories/${reading.slug}`);
    const fresh = await makeStory(env.deps, { sectionId, headline: 'Fresh from the desk' });
    await page.locator('.news-feed').getByRole('button', { name: '1 new story' }).click();
    const top = page.locator('.news-feed [data-feed-items] > li').first();
    assert.equal(await top.getAttribute('data-story-id'), String(fresh.id));
    assert.equal(await top.locator('h3.card-headline a').textContent(), 'Fresh from the desk');

    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const plain = await noJs.context.newPage();
      await plain.goto(`${server.url}/`);
      const later = await makeStory(env.deps, { sectionId, headline: 'Seen after a reload' });
      assert.equal(await plain.locator(`[data-story-id="${later.id}"]`).count(), 0);
      await plain.reload();
      assert.equal(
        await plain.locator('[data-feed-items] > li').first().getAttribute('data-story-id'),
        String(later.id),
      );
    } finally {
      await noJs.close();
    }
  });

  test('live blog: entries arrive newest first, a pinned one goes to the top, and the LIVE label goes when it ends', async () => {
    const blog = await makeStory(env.deps, { sectionId, headline: 'Election night live', kind: 'liveblog' });
    await addEntry(
      env.deps,
      blog.id,
      { headline: 'Polls open', body: { version: 1, blocks: [p('Voting has begun.')] } },
      'desk',
    );
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/stories/${blog.slug}`);
    const entryHeadlines = () => page.locator('[data-entries] > li .entry-headline').allTextContents();
    assert.deepEqual(await entryHeadlines(), ['Polls open']);

    const second = await addEntry(
      env.deps,
      blog.id,
      { headline: 'Turnout is high', body: { version: 1, blocks: [p('Queues everywhere.')] } },
      'desk',
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-entries] > li').length === 2);
    assert.deepEqual(await entryHeadlines(), ['Turnout is high', 'Polls open']);

    const first = await env.deps.db
      .selectFrom('liveblog_entries')
      .select('id')
      .where('headline', '=', 'Polls open')
      .executeTakeFirstOrThrow();
    await pinEntry(env.deps, first.id, true, 'desk');
    await page.waitForSelector(`#entry-${first.id}.pinned`);
    assert.deepEqual(await entryHeadlines(), ['Polls open', 'Turnout is high']);
    assert.equal(await page.locator(`#entry-${second.id} a.permalink`).getAttribute('href'), `#entry-${second.id}`);

    await setCoverage(env.deps, blog.id, true, 'desk');
    await page.waitForFunction(() => /ended/.test(document.querySelector('[data-liveblog-status]')?.textContent ?? ''));
    await page.waitForSelector('article.story .label .live', { state: 'detached' });
    const reloaded = await browser.context.newPage();
    await reloaded.goto(`${server.url}/`);
    const card = reloaded.locator(`[data-story-id="${blog.id}"]`);
    assert.equal(await card.locator('.live').count(), 0, 'an ended live blog is no longer LIVE in the News Feed');
  });
});
