import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app.js';
import { type JobRunner, startJobRunner } from '../../src/jobs/job.runner.js';
import { publishDueJob } from '../../src/stories/story.jobs.js';
import { createUser } from '../../src/users/user.service.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { makeSection, makeStory } from '../support/factories.js';
import { listen } from '../support/server.js';
import { waitFor } from '../support/wait.js';

const PASSWORD = 'correct horse battery';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

// The desk's no-JavaScript path in real Chromium: sign in, write, publish, schedule; an author is refused.
describe('desk in real Chromium', () => {
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let noJs: Awaited<ReturnType<typeof launchBrowser>>;
  let withJs: Awaited<ReturnType<typeof launchBrowser>>;
  let scheduler: JobRunner;
  // The server's clock runs with an offset the test can move forward (the scheduler reads it).
  let offset = 0;

  before(async () => {
    env = await createTestEnv('sqlite', {}, { clock: () => Date.now() + offset });
    const section = await makeSection(env.deps, { name: 'Metro' });
    for (let i = 0; i < 5; i++)
      await makeStory(env.deps, {
        headline: `Older story ${i}`,
        sectionId: section.id,
        publishedAt: Date.now() - (10 - i) * 3600_000,
      });
    await createUser(env.deps, { email: 'editor@news.test', name: 'Erin Editor', role: 'editor', password: PASSWORD });
    await createUser(env.deps, { email: 'author@news.test', name: 'Abe Author', role: 'author', password: PASSWORD });
    server = await listen(createApp(env.deps));
    scheduler = await startJobRunner(env.deps, [publishDueJob(env.deps, { everyMs: 100 })], { pollMs: 100 });
    noJs = await launchBrowser({ javaScriptEnabled: false });
    withJs = await launchBrowser();
  });
  after(async () => {
    await scheduler?.stop();
    await noJs?.close();
    await withJs?.close();
    await server?.close();
    await env?.close();
  });

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${server.url}/desk/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/desk`);
  };

  const write = async (page: Page, headline: string, dek: string) => {
    await page.goto(`${server.url}/desk/stories/new`);
    await page.locator('#headline').fill(headline);
    await page.locator('#dek').fill(dek);
    await page.locator('#section_id').selectOption({ label: 'Metro' });
    await page
      .locator('#body_markdown')
      .fill('The council met tonight.\n\n> We will open the bridge in spring.\n>\n> — The mayor');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/desk\/stories\/\d+\/edit\?done=created/);
    assert.match((await page.locator('.notice.ok').textContent()) ?? '', /Story created/);
  };

  const firstFeedHeadline = async (page: Page) => {
    await page.goto(`${server.url}/`);
    return (await page.locator('[data-feed-items] > li h2 a').first().textContent())?.trim();
  };

  test('an editor signs in, writes a story without JavaScript, publishes it and sees it top of the News Feed', async () => {
    const page = await noJs.context.newPage();
    await signIn(page, 'editor@news.test');
    await write(page, 'Bridge opening date set', `Readers ask when ${HOSTILE}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/done=publish/);
    assert.match((await page.locator('.status').first().textContent()) ?? '', /Published/);
    assert.equal(await firstFeedHeadline(page), 'Bridge opening date set');

    // The reader page, with JavaScript on: hostile text shows as text and runs nothing.
    const reader = await withJs.context.newPage();
    const dialogs: string[] = [];
    reader.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await reader.goto(`${server.url}/stories/bridge-opening-date-set`);
    assert.equal(await reader.locator('h1').textContent(), 'Bridge opening date set');
    assert.equal(await reader.locator('.dek').textContent(), `Readers ask when ${HOSTILE}`);
    assert.equal(await reader.locator('blockquote footer').count(), 1);
    assert.equal(await reader.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0), 0);
    assert.deepEqual(dialogs, []);
  });

  test('an author can write and submit, but publishing is refused', async () => {
    // A browser of their own, so the author's session is separate from the editor's.
    const author = await launchBrowser({ javaScriptEnabled: false });
    const page = await author.context.newPage();
    await signIn(page, 'author@news.test');
    await write(page, 'Author draft about buses', 'A dek');
    assert.equal(await page.getByRole('button', { name: 'Publish now' }).count(), 0, 'no publish button for authors');
    const id = /\/desk\/stories\/(\d+)\/edit/.exec(page.url())![1];
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const refused = await page.request.post(`${server.url}/desk/stories/${id}/publish`, {
      form: { _csrf: csrf! },
      maxRedirects: 0,
    });
    assert.equal(refused.status(), 403);
    assert.match(await refused.text(), /Only editors can publish/);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/done=submit/);
    assert.notEqual(await firstFeedHeadline(page), 'Author draft about buses');
    await author.close();
  });

  test('a scheduled story appears in the News Feed when it falls due', async () => {
    const page = await noJs.context.newPage();
    await write(page, 'Scheduled: budget vote', 'Goes live later');
    // The form suggests one hour from now; schedule for then.
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.waitForURL(/done=schedule/);
    assert.match((await page.locator('.status').first().textContent()) ?? '', /Scheduled/);
    assert.notEqual(await firstFeedHeadline(page), 'Scheduled: budget vote');
    assert.equal((await page.goto(`${server.url}/stories/scheduled-budget-vote`))?.status(), 404);
    offset += 2 * 3600_000;
    await waitFor(async () => (await firstFeedHeadline(page)) === 'Scheduled: budget vote', {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: 'the scheduled story to lead the News Feed',
    });
    assert.equal((await page.goto(`${server.url}/stories/scheduled-budget-vote`))?.status(), 200);
  });
});
