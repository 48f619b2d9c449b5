import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/users/user.service.js';
import type { TestEnv } from '../support/db.js';
import { type E2eSite, startE2eSite } from '../support/e2e.js';
import { E2E_PASSWORD, signIn, storyIdFromUrl, tool, waitStatus, watch } from '../support/desk-browser.js';
import { makeSection } from '../support/factories.js';

// Everything a writer types is text: the reader page shows it as text and no script of it ever runs.
describe('hostile input in the desk editor, in real Chromium', () => {
  let site: E2eSite;
  let env: TestEnv;
  let server: E2eSite['server'];
  let browser: E2eSite['browser'];

  before(async () => {
    site = await startE2eSite(async (e) => {
      env = e;
      await makeSection(env.deps, { name: 'City' });
      await createUser(env.deps, {
        email: 'mira@desk.test',
        name: 'Mira Desk',
        role: 'editor',
        password: E2E_PASSWORD,
      });
    });
    ({ server, browser } = site);
  });
  after(() => site?.close());

  test('hostile input typed into the editor shows as text on the reader page and never runs', async () => {
    const page = await signIn(browser.context, server.url, 'mira@desk.test');
    const seen = watch(page, server.url);
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
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror')),
      true,
      'Escape gives focus back to the text',
    );
    await page.keyboard.press('End');
    // ProseMirror reads a selection the browser moved (End) on the next selectionchange; let it, before Enter.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
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
    const readerSeen = watch(reader, server.url);
    const slug = (await env.deps.db.selectFrom('stories').select('slug').where('id', '=', id).executeTakeFirstOrThrow())
      .slug;
    await reader.goto(`${server.url}/stories/${slug}`);
    await reader.waitForSelector('article.story h1');
    await reader.locator('.body blockquote').hover();
    assert.equal(
      await reader.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      undefined,
      'no script ran',
    );
    assert.deepEqual(readerSeen.dialogs, []);
    assert.equal(
      await reader.locator('article.story h1').textContent(),
      'Hostile <img src=x onerror="window.__pwned=1"> headline',
    );
    assert.equal(await reader.locator('.dek').textContent(), '<script>window.__pwned=2</script> in the dek');
    const paragraphs = (await reader.locator('.body > p').allTextContents()).map((t) => t.trim());
    assert.deepEqual(paragraphs.slice(0, 4), [
      '<script>window.__pwned=3</script>',
      '<img src=x onerror="window.__pwned=4;alert(4)">',
      'Click javascript:window.__pwned=5 now',
      'Evil link',
    ]);
    assert.equal(
      await reader.locator('.body blockquote p').textContent(),
      '<b onmouseover="window.__pwned=8">quoted</b>',
    );
    assert.equal(await reader.locator('.body blockquote footer').textContent(), '— <svg onload="window.__pwned=9">');
    assert.equal(await reader.locator('a[href^="javascript:" i], a[href*="pwned="]').count(), 0);
    assert.equal(
      await reader
        .locator('[onerror], [onload], [onmouseover], main script, article img:not([src^="/media/"])')
        .count(),
      0,
    );
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await reader.close();
    await page.close();
  });
});
