import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/users/user.service.js';
import { launchBrowser } from '../support/browser.js';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';
import { makeAuthor, makeSection, makeStory, p } from '../support/factories.js';
import { E2E_PASSWORD, signIn, storyIdFromUrl, tool, waitStatus, watch } from '../support/desk-browser.js';
import { pngFile } from '../support/upload-files.js';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('the desk editor in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  let server: E2eSite['server'];
  let browser: E2eSite['browser'];
  let relatedId: number;

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      const city = await makeSection(env.deps, { name: 'City' });
      await makeSection(env.deps, { name: 'Culture' });
      relatedId = (
        await makeStory(env.deps, {
          headline: 'Bridge reopens after two years of repairs',
          sectionId: city.id,
          body: { version: 1, blocks: [p('The old bridge is open again.')] },
        })
      ).id;
      for (let i = 0; i < 5; i++)
        await makeStory(env.deps, {
          headline: `Earlier story ${i}`,
          sectionId: city.id,
          publishedAt: Date.UTC(2026, 0, 1 + i),
        });
      const author = await makeAuthor(env.deps, { name: 'Mira Desk', role_title: 'City reporter' });
      await createUser(
        env.deps,
        { email: 'mira@desk.test', name: 'Mira Desk', role: 'editor', password: E2E_PASSWORD },
        { authorId: author.id },
      );
      await createUser(env.deps, {
        email: 'oleh@desk.test',
        name: 'Oleh Second',
        role: 'editor',
        password: E2E_PASSWORD,
      });
    });
    ({ server, browser } = site);
  });
  after(() => site?.close());

  const status = (page: Page) => page.locator('.save-status');
  const open = (context: BrowserContext, email: string) => signIn(context, server.url, email);

  test('write a story with a quote, an uploaded image and a related card; autosave, preview, publish, read it', async () => {
    const page = await open(browser.context, 'mira@desk.test');
    const seen = watch(page, server.url);
    await page.goto(`${server.url}/desk/stories/new`);
    await page.waitForSelector('.ProseMirror');
    await page.fill('#headline', 'Night trams return to the river line');
    await page.selectOption('#section_id', { label: 'City' });

    await page.locator('.ProseMirror').click();
    await page.keyboard.type('The city will run trams all night from Friday, ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('starting this week');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await tool(page, 'Heading level 2').click();
    await page.keyboard.type('What riders said');
    await page.keyboard.press('Enter');
    // A quote with its attribution, by keyboard: Enter moves to the attribution, Enter again leaves the quote.
    await tool(page, 'Quote with attribution').click();
    await page.keyboard.type('We have waited years for this.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Daria Koval, night nurse');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The last tram leaves the depot at four.');

    // A related story, found by searching headlines.
    await tool(page, 'Insert related story').click();
    await page.getByPlaceholder('Search headlines').fill('bridge reopens');
    await page.getByRole('button', { name: 'Bridge reopens after two years of repairs' }).click();
    await page.waitForSelector(
      `.editor-embed[data-embed-story-id="${relatedId}"] .editor-embed-headline:text("Bridge reopens")`,
    );

    // An image uploaded in place, with alt text, caption and credit.
    await tool(page, 'Insert image').click();
    const panel = page.locator('.editor-panel');
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'tram.png', mimeType: 'image/png', buffer: await pngFile(1200, 700) });
    await panel.getByLabel('Alt text').fill('A tram at night on the river line');
    await panel.getByLabel('Caption').fill('The first night tram leaves the depot.');
    await panel.getByLabel('Credit').fill('Photo: Mira Desk');
    await panel.getByRole('button', { name: 'Upload and insert' }).click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.editor-figure img');
      return !!img && img.complete && img.naturalWidth > 0;
    });

    // The hero image comes from the media library through the picker next to its id field.
    await page.getByRole('button', { name: 'Choose hero image' }).click();
    await page.getByRole('button', { name: 'Use as hero image: A tram at night on the river line' }).click();
    assert.match(await page.inputValue('#hero_image_id'), /^\d+$/);
    assert.equal(await page.inputValue('#hero_alt'), 'A tram at night on the river line');
    assert.equal(await page.inputValue('#hero_credit'), 'Photo: Mira Desk');

    // Autosave made the story and says so; the address is now the story's own.
    await waitStatus(page, /^Saved at \d\d:\d\d$/);
    await page.waitForURL(/\/desk\/stories\/\d+\/edit$/);
    const id = storyIdFromUrl(page);
    assert.ok(id > 0);
    assert.equal(
      await page.evaluate((k) => localStorage.getItem(k), `broadsheet:draft:${id}`),
      null,
      'nothing left unsaved',
    );

    // The saved draft, loaded fresh from the server, has every block.
    await page.goto(`${server.url}/desk/stories/${id}/edit`);
    await page.waitForSelector('.ProseMirror');
    assert.equal(
      await page.locator('.ProseMirror blockquote .quote-attribution').textContent(),
      'Daria Koval, night nurse',
    );
    assert.equal(await page.locator('.ProseMirror h2').textContent(), 'What riders said');
    assert.equal(await page.locator('.ProseMirror strong').textContent(), 'starting this week');
    assert.equal(
      await page.locator('.ProseMirror .editor-figure input[data-attr="credit"]').inputValue(),
      'Photo: Mira Desk',
    );
    assert.equal(await page.locator(`.ProseMirror .editor-embed[data-embed-story-id="${relatedId}"]`).count(), 1);

    // Preview: the reader page of the draft, clearly marked.
    const preview = await browser.context.newPage();
    const previewSeen = watch(preview, server.url);
    await preview.goto(`${server.url}/desk/stories/${id}/preview`);
    assert.match((await preview.locator('.preview-banner').textContent()) ?? '', /Preview/);
    assert.equal(await preview.locator('meta[name="robots"]').getAttribute('content'), 'noindex, nofollow');
    assert.equal(await preview.locator('article.story h1').textContent(), 'Night trams return to the river line');
    assert.equal(await preview.locator('blockquote footer').textContent(), '— Daria Koval, night nurse');
    await preview.close();

    // Publish from the editor's side panel.
    await Promise.all([page.waitForURL(/done=publish/), page.getByRole('button', { name: 'Publish now' }).click()]);
    assert.match((await page.locator('.notice.ok').textContent()) ?? '', /Published/);

    // Readers see it at the top of the News Feed, and on its own page with every element.
    const reader = await browser.context.newPage();
    const readerSeen = watch(reader, server.url);
    await reader.goto(`${server.url}/`);
    const first = reader.locator('[data-feed-items] > li').first();
    assert.equal(await first.getAttribute('data-story-id'), String(id));
    await Promise.all([
      reader.waitForURL(/\/stories\/night-trams-return-to-the-river-line$/),
      first.locator('h2 a').click(),
    ]);
    const article = reader.locator('article.story');
    assert.equal(await article.locator('h1').textContent(), 'Night trams return to the river line');
    assert.match((await article.locator('.byline').textContent()) ?? '', /Mira Desk/);
    assert.equal(await article.locator('.body h2').textContent(), 'What riders said');
    assert.equal(await article.locator('.body strong').textContent(), 'starting this week');
    assert.equal(await article.locator('.body blockquote p').textContent(), 'We have waited years for this.');
    assert.equal(await article.locator('.body blockquote footer').textContent(), '— Daria Koval, night nurse');
    assert.equal(await article.locator('figure.hero img').getAttribute('alt'), 'A tram at night on the river line');
    assert.equal(await article.locator('figure.hero img').getAttribute('loading'), 'eager');
    const figure = article.locator('.body figure');
    assert.equal(await figure.locator('img').getAttribute('alt'), 'A tram at night on the river line');
    assert.match(
      (await figure.locator('figcaption').textContent()) ?? '',
      /The first night tram leaves the depot\. Photo: Mira Desk/,
    );
    await figure.locator('img').scrollIntoViewIfNeeded();
    await reader.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.body figure img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const card = article.locator('aside.embed a');
    assert.match((await card.textContent()) ?? '', /Bridge reopens after two years of repairs/);
    assert.match((await card.getAttribute('href')) ?? '', /^\/stories\/bridge-reopens/);
    for (const s of [seen, previewSeen, readerSeen]) {
      assert.deepEqual(s.errors, []);
      assert.deepEqual(s.external, []);
      assert.deepEqual(s.csp, [], 'nothing blocked by the Content-Security-Policy');
    }
    await reader.close();
    await page.close();
  });

  test('autosave tells the truth: offline and retrying, kept in the browser and restored, refused when someone saved first', async () => {
    const page = await open(browser.context, 'mira@desk.test');
    watch(page, server.url);
    await page.goto(`${server.url}/desk/stories/new`);
    await page.waitForSelector('.ProseMirror');
    await page.fill('#headline', 'Budget vote moves to Thursday');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Councillors will vote on Thursday.');
    await waitStatus(page, /^Saved at/);
    await page.waitForURL(/\/desk\/stories\/\d+\/edit$/);
    const id = storyIdFromUrl(page);

    // The network drops: the editor says so, keeps retrying, and saves when it is back.
    await browser.context.setOffline(true);
    await page.keyboard.type(' The session starts at ten.');
    await waitStatus(page, /^Not saved — offline, retrying$/);
    assert.equal(await status(page).getAttribute('data-state'), 'offline');
    await browser.context.setOffline(false);
    await waitStatus(page, /^Saved at/);
    const saved = await env.deps.db.selectFrom('stories').select('body').where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(saved.body, /The session starts at ten\./);

    // Offline again, then the tab dies: the words are kept in this browser and offered back. A second tab of
    // the same browser shows they reached the browser itself (not only the dying tab) before it goes.
    const key = `broadsheet:draft:${id}`;
    const otherTab = await browser.context.newPage();
    await otherTab.goto(`${server.url}/healthz`);
    await browser.context.setOffline(true);
    await page.keyboard.type(' Kept while offline.');
    await waitStatus(page, /offline, retrying/);
    assert.match(
      (await page.evaluate((k) => localStorage.getItem(k), key)) ?? '',
      /Kept while offline\./,
      'every keystroke is kept in the browser at once',
    );
    await otherTab.waitForFunction((k) => /Kept while offline/.test(localStorage.getItem(k) ?? ''), key, {
      timeout: 20_000,
    });
    // The tab dies at once (its renderer crashes, as when a laptop's battery runs out): page.close() alone tears
    // a tab down asynchronously, and on a busy machine its script was seen to hear the network come back and
    // save the words, which is not the case this checks.
    const crashed = page.waitForEvent('crash');
    const cdp = await browser.context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close({ runBeforeUnload: false });
    await browser.context.setOffline(false);
    const again = await browser.context.newPage();
    watch(again, server.url);
    await again.goto(`${server.url}/desk/stories/${id}/edit`);
    await again.waitForSelector('.ProseMirror');
    await again.waitForSelector('.editor-notice');
    assert.match(
      (await again.locator('.editor-notice').textContent()) ?? '',
      /kept changes from \d\d:\d\d that were never saved/,
    );
    assert.doesNotMatch((await again.locator('.ProseMirror').textContent()) ?? '', /Kept while offline/);
    await again.getByRole('button', { name: 'Restore my changes' }).click();
    assert.match((await again.locator('.ProseMirror').textContent()) ?? '', /Kept while offline\.$/);
    await waitStatus(again, /^Saved at/);
    assert.match(
      (await env.deps.db.selectFrom('stories').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body,
      /Kept while offline\./,
    );

    // Someone else saves a newer version: this editor's next save is refused with their name, nothing overwritten.
    const other = await launchBrowser();
    try {
      const otherPage = await open(other.context, 'oleh@desk.test');
      await otherPage.goto(`${server.url}/desk/stories/${id}/edit`);
      await otherPage.waitForSelector('.ProseMirror');
      await otherPage.locator('.ProseMirror').click();
      await otherPage.keyboard.press('Control+End');
      await otherPage.keyboard.type(' Oleh added this.');
      await waitStatus(otherPage, /^Saved at/);
    } finally {
      await other.close();
    }
    await again.locator('.ProseMirror').click();
    await again.keyboard.press('Control+End');
    await again.keyboard.type(' Mira typed this later.');
    await waitStatus(again, /^Not saved — Oleh Second saved a newer version at \d\d:\d\d\./);
    assert.equal(await status(again).getAttribute('data-state'), 'conflict');
    const body = (await env.deps.db.selectFrom('stories').select('body').where('id', '=', id).executeTakeFirstOrThrow())
      .body;
    assert.match(body, /Oleh added this\./);
    assert.doesNotMatch(body, /Mira typed this later/);
    await again.close({ runBeforeUnload: false });
    await otherTab.close();
  });

  test('the toolbar is a keyboard-usable ARIA toolbar with pressed states', async () => {
    const page = await open(browser.context, 'mira@desk.test');
    await page.goto(`${server.url}/desk/stories/new`);
    await page.waitForSelector('.ProseMirror');
    const bar = page.getByRole('toolbar', { name: 'Formatting' });
    const first = bar.getByRole('button').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Heading level 3');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Insert related story');
    assert.equal(await bar.locator('[tabindex="0"]').count(), 1, 'one tab stop');
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+b');
    assert.equal(await tool(page, 'Bold').getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('x');
    await page.keyboard.press('Control+b');
    assert.equal(await tool(page, 'Bold').getAttribute('aria-pressed'), 'false');
    // Enter on a focused toolbar button runs it.
    await tool(page, 'Bulleted list').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.ProseMirror ul').count(), 1);
    // A block inserted while the cursor is in a quote goes after the quote instead of splitting it in two.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, 'Quote with attribution').click();
    await page.keyboard.type('Inside the quote');
    await tool(page, 'Insert related story').click();
    await page.getByPlaceholder('Search headlines').fill('bridge');
    await page.getByRole('button', { name: 'Bridge reopens after two years of repairs' }).click();
    assert.equal(await page.locator('.ProseMirror blockquote').count(), 1);
    assert.equal(await page.locator('.ProseMirror blockquote + .editor-embed').count(), 1);
    await page.close({ runBeforeUnload: false });
  });
});
