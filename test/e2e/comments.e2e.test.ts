import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app.js';
import type { Story } from '../../src/db/database.js';
import { createUser } from '../../src/users/user.service.js';
import { READER_COOKIE, READER_MARK_COOKIE } from '../../src/readers/reader-cookies.js';
import { createReaderSession } from '../../src/readers/reader-session.service.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { E2E_PASSWORD, signIn, watch } from '../support/desk-browser.js';
import { makeReader, makeStory, p } from '../support/factories.js';
import { listen } from '../support/server.js';

// The browser sees the same pages whichever database is behind them; SQLite keeps this suite quick.
describe('readers’ comments in real Chromium: comment, moderate, see it appear', () => {
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let readerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let deskBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let noJs: Awaited<ReturnType<typeof launchBrowser>>;
  let story: Story;
  const email = 'olena@readers.test';

  before(async () => {
    env = await createTestEnv('sqlite');
    env.deps.live.start();
    const app = createApp(env.deps);
    story = await makeStory(env.deps, {
      headline: 'The bridge vote',
      body: { version: 1, blocks: Array.from({ length: 30 }, (_, i) => p(`Paragraph ${i + 1} of a long story.`)) },
    });
    await makeReader(env.deps, { email, name: 'Olena Kovalenko', comment_name: 'Olena K.' });
    await createUser(env.deps, {
      email: 'edna@desk.test',
      name: 'Edna Editor',
      role: 'editor',
      password: E2E_PASSWORD,
    });
    server = await listen(app);
    readerBrowser = await launchBrowser();
    deskBrowser = await launchBrowser();
  });
  after(async () => {
    await readerBrowser?.close();
    await deskBrowser?.close();
    await noJs?.close();
    env?.deps.live.close();
    await server?.close();
    await env?.close();
  });

  /**
   * Signs the reader in: the session following their emailed link starts (the sign-in pages are the readers'
   * suite's to drive), as its two cookies in the browser. Then the story page.
   */
  const readerSignsIn = async (page: Page, next: string) => {
    const reader = await env.deps.db
      .selectFrom('readers')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const token = await createReaderSession(env.deps, reader, 'Chromium');
    await page.context().addCookies([
      { name: READER_COOKIE, value: token, url: server.url, httpOnly: true, sameSite: 'Lax' },
      { name: READER_MARK_COOKIE, value: '1', url: server.url, sameSite: 'Lax' },
    ]);
    await page.goto(server.url + next);
  };

  test('a signed-in reader comments under the story; an editor approves it in the desk; it appears without a reload', async () => {
    const page = await readerBrowser.context.newPage();
    const seen = watch(page, server.url);
    const anon = await deskBrowser.context.newPage();
    await readerSignsIn(page, `/stories/${story.slug}`);

    // The comments load when the reader nears them: the story page itself carries none.
    const html = await (await fetch(`${server.url}/stories/${story.slug}`)).text();
    assert.ok(html.includes('data-comments-src') && !html.includes('data-comment-form'), 'only the slot');
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const form = page.locator('section[data-comments] form[data-comment-form]').first();
    await form.waitFor();
    // Signed in (site.js asked /account/state.json): no sign-in prompt.
    await page.locator('[data-signed-out]').waitFor({ state: 'hidden' });
    await form.locator('textarea').fill('Will the bridge have a cycle lane? See https://example.org/plans');
    await form.getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('[data-comment-items] > li').first();
    await mine.locator('.comment-awaiting').waitFor();
    assert.match((await mine.textContent()) ?? '', /Olena K\..*Will the bridge have a cycle lane\?/s);
    assert.equal(await mine.locator('a[href="https://example.org/plans"][rel="nofollow ugc noopener"]').count(), 1);
    assert.match(
      (await page.locator('[data-comments-status]').textContent()) ?? '',
      /will appear once the newsroom has read it/,
    );

    // Another reader (not signed in) has the story open: nothing yet.
    await anon.goto(`${server.url}/stories/${story.slug}`);
    await anon.locator('#comments').scrollIntoViewIfNeeded();
    await anon.locator('section[data-comments]').waitFor();
    assert.equal(await anon.locator('[data-comment-items] > li').count(), 0);
    // Signed out: the sign-in link instead of the form.
    await anon.locator('section[data-comments] form[data-comment-form]').first().waitFor({ state: 'hidden' });
    assert.equal(await anon.locator('[data-signed-out]').isVisible(), true);

    // The editor approves it in the moderation desk.
    const desk = await signIn(deskBrowser.context, server.url, 'edna@desk.test');
    await desk.goto(`${server.url}/desk/comments`);
    const row = desk.locator('tr[data-status="pending"]', { hasText: 'cycle lane' });
    await row.waitFor();
    await Promise.all([desk.waitForURL(/done=approve/), row.getByRole('button', { name: 'Approve' }).click()]);
    assert.match((await desk.locator('.notice.ok').textContent()) ?? '', /Approved/);
    await desk.goto(`${server.url}/desk/comments/log`);
    assert.match((await desk.locator('tr[data-action="approve"]').first().textContent()) ?? '', /Edna Editor: approve/);

    // Both story pages show it, live: the reader's own loses "awaiting approval", the other reader's gains it.
    await mine.locator('.comment-awaiting').waitFor({ state: 'detached' });
    assert.match((await mine.textContent()) ?? '', /cycle lane/);
    const theirs = anon.locator('[data-comment-items] > li', { hasText: 'cycle lane' });
    await theirs.waitFor();
    assert.match((await anon.locator('[data-comments-status]').textContent()) ?? '', /1 new comment/);
    assert.match((await anon.locator('#comments-title').textContent()) ?? '', /1 comment/);

    // A reload shows it too (from the purged, re-rendered fragment); the story page was never purged for it.
    await anon.reload();
    await anon.locator('#comments').scrollIntoViewIfNeeded();
    await anon.locator('[data-comment-items] > li', { hasText: 'cycle lane' }).waitFor();
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.csp, []);
    assert.deepEqual(seen.external, []);
  });

  test('the reader replies in place; hiding a comment in the desk takes it off open pages', async () => {
    const page = await readerBrowser.context.newPage();
    await page.goto(`${server.url}/stories/${story.slug}#comments`);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const top = page.locator('[data-comment-items] > li', { hasText: 'cycle lane' });
    await top.waitFor();
    await top.locator('.comment-reply summary').click();
    await top.locator('.comment-reply textarea').fill('Answering myself: yes, on the north side.');
    await top.getByRole('button', { name: 'Post reply' }).click();
    const reply = top.locator('[data-comment-replies] > li', { hasText: 'north side' });
    await reply.waitFor();
    assert.equal(await reply.locator('.comment-awaiting').count(), 1, 'a new reader is still held (trusted after 2)');

    const desk = await signIn(deskBrowser.context, server.url, 'edna@desk.test');
    await desk.goto(`${server.url}/desk/comments?queue=approved`);
    const row = desk.locator('tr[data-status="approved"]', { hasText: 'cycle lane' });
    await Promise.all([desk.waitForURL(/done=hide/), row.getByRole('button', { name: 'Hide' }).click()]);
    await top.waitFor({ state: 'detached' });
  });

  test('without JavaScript: the story links to the comments page, whose form posts and comes back', async () => {
    noJs = await launchBrowser({ javaScriptEnabled: false });
    const page = await noJs.context.newPage();
    await readerSignsIn(page, `/stories/${story.slug}`);
    await page.getByRole('link', { name: 'Read the comments and join the conversation' }).click();
    await page.waitForURL(`${server.url}/stories/${story.slug}/comments`);
    await page.locator('#comment-new').fill('Posted without any script.');
    await Promise.all([page.waitForURL(/notice=held/), page.getByRole('button', { name: 'Post comment' }).click()]);
    assert.match((await page.locator('.notice.ok').textContent()) ?? '', /will appear once the newsroom has read it/);
    const rows = await env.deps.db
      .selectFrom('comments')
      .select(['body', 'status'])
      .where('body', 'like', '%without any script%')
      .execute();
    assert.deepEqual(rows, [{ body: 'Posted without any script.', status: 'pending' }]);
  });
});
