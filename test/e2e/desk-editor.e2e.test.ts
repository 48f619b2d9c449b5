import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../src/http/app.js';
import { createUser } from '../../src/users/user.service.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { makeAuthor, makeSection, makeStory, p } from '../support/factories.js';
import { listen } from '../support/server.js';
import { pngFile } from '../support/upload-files.js';

const PASSWORD = 'correct horse battery';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('the desk editor in real Chromium', () => {
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let relatedId: number;

  before(async () => {
    env = await createTestEnv('sqlite');
    const city = await makeSection(env.deps, { name: 'City' });
    await makeSection(env.deps, { name: 'Culture' });
    relatedId = (await makeStory(env.deps, { headline: 'Bridge reopens after two years of repairs', sectionId: city.id, body: { version: 1, blocks: [p('The old bridge is open again.')] } })).id;
    for (let i = 0; i < 5; i++) await makeStory(env.deps, { headline: `Earlier story ${i}`, sectionId: city.id, publishedAt: Date.UTC(2026, 0, 1 + i) });
    const author = await makeAuthor(env.deps, { name: 'Mira Desk', role_title: 'City reporter' });
    await createUser(env.deps, { email: 'mira@desk.test', name: 'Mira Desk', role: 'editor', password: PASSWORD }, { authorId: author.id });
    await createUser(env.deps, { email: 'oleh@desk.test', name: 'Oleh Second', role: 'editor', password: PASSWORD });
    server = await listen(createApp(env.deps));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await env?.close();
  });

  /** A page that records script errors, dialogs and any request leaving the machine. */
  function watch(page: Page) {
    const seen = { errors: [] as string[], dialogs: [] as string[], external: [] as string[], csp: [] as string[] };
    page.on('pageerror', (e) => seen.errors.push(e.message));
    page.on('dialog', (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.csp.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) seen.external.push(r.url());
    });
    return seen;
  }

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}/desk/login`);
    // The browser keeps its session between tests: signed in already, the login page sends it on.
    if ((await page.locator('#email').count()) === 0) return page;
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/desk(\?|$|\/)/), page.getByRole('button', { name: /sign in/i }).click()]);
    return page;
  }

  const status = (page: Page) => page.locator('.save-status');
  const waitStatus = (page: Page, re: RegExp) =>
    page.waitForFunction((src) => new RegExp(src).test(document.querySelector('.save-status')?.textContent ?? ''), re.source, { timeout: 20_000 });
  const tool = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
  const storyIdFromUrl = (page: Page) => Number(/\/desk\/stories\/(\d+)\/edit/.exec(page.url())?.[1]);

  test('write a story with a quote, an uploaded image and a related card; autosave, preview, publish, read it', async () => {
    const page = await signIn(browser.context, 'mira@desk.test');
    const seen = watch(page);
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
    await page.waitForSelector(`.editor-embed[data-embed-story-id="${relatedId}"] .editor-embed-headline:text("Bridge reopens")`);

    // An image uploaded in place, with alt text, caption and credit.
    await tool(page, 'Insert image').click();
    const panel = page.locator('.editor-panel');
    await panel.locator('input[type=file]').setInputFiles({ name: 'tram.png', mimeType: 'image/png', buffer: await pngFile(1200, 700) });
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
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `broadsheet:draft:${id}`), null, 'nothing left unsaved');

    // The saved draft, loaded fresh from the server, has every block.
    await page.goto(`${server.url}/desk/stories/${id}/edit`);
    await page.waitForSelector('.ProseMirror');
    assert.equal(await page.locator('.ProseMirror blockquote .quote-attribution').textContent(), 'Daria Koval, night nurse');
    assert.equal(await page.locator('.ProseMirror h2').textContent(), 'What riders said');
    assert.equal(await page.locator('.ProseMirror strong').textContent(), 'starting this week');
    assert.equal(await page.locator('.ProseMirror .editor-figure input[data-attr="credit"]').inputValue(), 'Photo: Mira Desk');
    assert.equal(await page.locator(`.ProseMirror .editor-embed[data-embed-story-id="${relatedId}"]`).count(), 1);

    // Preview: the reader page of the draft, clearly marked.
    const preview = await browser.context.newPage();
    const previewSeen = watch(preview);
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
    const readerSeen = watch(reader);
    await reader.goto(`${server.url}/`);
    const first = reader.locator('[data-feed-items] > li').first();
    assert.equal(await first.getAttribute('data-story-id'), String(id));
    await Promise.all([reader.waitForURL(/\/stories\/night-trams-return-to-the-river-line$/), first.locator('h2 a').click()]);
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
    assert.match((await figure.locator('figcaption').textContent()) ?? '', /The first night tram leaves the depot\. Photo: Mira Desk/);
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

  test('hostile input typed into the editor shows as text on the reader page and never runs', async () => {
    const page = await signIn(browser.context, 'mira@desk.test');
    const seen = watch(page);
    await page.goto(`${server.url}/desk/stories/new`);
    await page.waitForSelector('.ProseMirror');
    await page.fill('#headline', 'Hostile <img src=x onerror="window.__pwned=1"> headline');
    await page.fill('#dek', '<script>window.__pwned=2</script> in the dek');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('<script>window.__pwned=3</script>');
    await page.keyboard.press('Enter');
    await page.keyboard.type('<img src=x onerror="window.__pwned=4;alert(4)">');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Click javascript:window.__pwned=5 now ');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Evil link');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+k');
    const url = page.locator('.editor-panel input[type=text]');
    await url.fill('javascript:window.__pwned=6');
    await page.getByRole('button', { name: 'Apply link' }).click();
    assert.match((await page.locator('#link-error').textContent()) ?? '', /not allowed/);
    await url.fill(' JaVaScRiPt:alert(7)');
    await url.press('Enter');
    assert.match((await page.locator('#link-error').textContent()) ?? '', /not allowed/);
    await url.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror')), true, 'Escape gives focus back to the text');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await tool(page, 'Quote with attribution').click();
    await page.keyboard.type('<b onmouseover="window.__pwned=8">quoted</b>');
    await page.keyboard.press('Enter');
    await page.keyboard.type('<svg onload="window.__pwned=9">');
    assert.equal(await page.locator('.ProseMirror a').count(), 0, 'no link was made');
    await waitStatus(page, /^Saved at/);
    await page.waitForURL(/\/desk\/stories\/\d+\/edit$/);
    const id = storyIdFromUrl(page);
    await page.goto(`${server.url}/desk/stories/${id}/edit`);
    await Promise.all([page.waitForURL(/done=publish/), page.getByRole('button', { name: 'Publish now' }).click()]);

    const reader = await browser.context.newPage();
    const readerSeen = watch(reader);
    const slug = (await env.deps.db.selectFrom('stories').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    await reader.goto(`${server.url}/stories/${slug}`);
    await reader.waitForSelector('article.story h1');
    await reader.locator('.body blockquote').hover();
    assert.equal(await reader.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'no script ran');
    assert.deepEqual(readerSeen.dialogs, []);
    assert.equal(await reader.locator('article.story h1').textContent(), 'Hostile <img src=x onerror="window.__pwned=1"> headline');
    assert.equal(await reader.locator('.dek').textContent(), '<script>window.__pwned=2</script> in the dek');
    const paragraphs = (await reader.locator('.body > p').allTextContents()).map((t) => t.trim());
    assert.deepEqual(paragraphs.slice(0, 4), ['<script>window.__pwned=3</script>', '<img src=x onerror="window.__pwned=4;alert(4)">', 'Click javascript:window.__pwned=5 now', 'Evil link']);
    assert.equal(await reader.locator('.body blockquote p').textContent(), '<b onmouseover="window.__pwned=8">quoted</b>');
    assert.equal(await reader.locator('.body blockquote footer').textContent(), '— <svg onload="window.__pwned=9">');
    assert.equal(await reader.locator('a[href^="javascript:" i], a[href*="pwned"]').count(), 0);
    assert.equal(await reader.locator('[onerror], [onload], [onmouseover], main script, article img:not([src^="/media/"])').count(), 0);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await reader.close();
    await page.close();
  });

  test('autosave tells the truth: offline and retrying, kept in the browser and restored, refused when someone saved first', async () => {
    const page = await signIn(browser.context, 'mira@desk.test');
    watch(page);
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

    // Offline again, then the tab is closed: the words are kept in this browser and offered back.
    await browser.context.setOffline(true);
    await page.keyboard.type(' Kept while offline.');
    await waitStatus(page, /offline, retrying/);
    await page.close({ runBeforeUnload: false });
    await browser.context.setOffline(false);
    const again = await browser.context.newPage();
    watch(again);
    await again.goto(`${server.url}/desk/stories/${id}/edit`);
    await again.waitForSelector('.editor-notice');
    assert.match((await again.locator('.editor-notice').textContent()) ?? '', /kept changes from \d\d:\d\d that were never saved/);
    assert.doesNotMatch((await again.locator('.ProseMirror').textContent()) ?? '', /Kept while offline/);
    await again.getByRole('button', { name: 'Restore my changes' }).click();
    assert.match((await again.locator('.ProseMirror').textContent()) ?? '', /Kept while offline\.$/);
    await waitStatus(again, /^Saved at/);
    assert.match((await env.deps.db.selectFrom('stories').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body, /Kept while offline\./);

    // Someone else saves a newer version: this editor's next save is refused with their name, nothing overwritten.
    const other = await launchBrowser();
    try {
      const otherPage = await signIn(other.context, 'oleh@desk.test');
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
    const body = (await env.deps.db.selectFrom('stories').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body;
    assert.match(body, /Oleh added this\./);
    assert.doesNotMatch(body, /Mira typed this later/);
    await again.close({ runBeforeUnload: false });
  });

  test('the toolbar is a keyboard-usable ARIA toolbar with pressed states', async () => {
    const page = await signIn(browser.context, 'mira@desk.test');
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
    await page.close({ runBeforeUnload: false });
  });
});
