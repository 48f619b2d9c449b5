import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_COMMENT_RULES } from '../../src/comments/comment-settings.js';
import type { Story } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createUser } from '../../src/users/user.service.js';
import type { TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { E2E_PASSWORD, signIn } from '../support/desk-browser.js';
import { makeReader, makeStory } from '../support/factories.js';
import { type ReaderClient, readerClient } from '../support/reader-client.js';
import { listen } from '../support/server.js';
import { INJECTED_SCAN, XSS_CORPUS, XSS_TRAP } from '../support/xss-corpus.js';

const CORPUS = XSS_CORPUS.filter((x) => !x.includes('\u0000'));
const WITH_NUL = XSS_CORPUS.filter((x) => x.includes('\u0000'));
const P = CORPUS.length;
const v = (i: number, k: number, max = 5000) => CORPUS[(i + k) % P]!.slice(0, max);
/** Comments per story: the corpus spread over a few stories, each with more than one page of comments. */
const PER_STORY = 45;

/**
 * Readers' comments in the hostile suite: every payload of the corpus as a comment's text (through the real form
 * post, JSON and plain), and as the names readers comment under, then every place that shows them (the story page
 * with its fragment loaded by site.js, the comments pages, the fragment itself, the desk's queues and log, and a
 * comment arriving live) loaded in real Chromium with its CSP bypassed: nothing may run and nothing injected may be
 * in the page.
 */
describe('the XSS corpus through readers’ comments and names, checked in real Chromium', () => {
  let env: TestEnv;
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const stories: Story[] = [];
  const findings: string[] = [];
  let executed = 0;
  let checked = 0;
  const statuses = new Map<number, number>();

  before(async () => {
    env = await createTestEnv('sqlite');
    env.deps.live.start();
    const app = createApp(env.deps);
    t = { ...env, app, request: async (path, init) => app.request(path, init) };
    server = await listen(app);
    browser = await launchBrowser({ bypassCSP: true });
    await browser.context.addInitScript({ content: XSS_TRAP });
    browser.context.on('dialog', (d) => {
      executed++;
      findings.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await createUser(env.deps, { email: 'owner@desk.test', name: 'Olga Owner', role: 'owner', password: E2E_PASSWORD });
    for (let i = 0; i * PER_STORY < P; i++)
      stories.push(await makeStory(env.deps, { headline: `Hostile comments ${i}` }));
  });
  after(async () => {
    await browser?.close();
    env?.deps.live.close();
    await server?.close();
    await env?.close();
  });

  const scan = async (page: Page, where: string) => {
    const hits = (await page.evaluate(
      '(() => { const n = window.__xssHits; window.__xssHits = 0; return n; })()',
    )) as number;
    const injected = (await page.evaluate(INJECTED_SCAN)) as string[];
    executed += hits;
    for (const x of injected) findings.push(`${where}: ${x}`);
    if (hits) findings.push(`${where}: __xss ran ${hits} time(s)`);
    checked++;
  };
  const check = async (page: Page, url: string) => {
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.ok(res && res.status() < 500, `${url}: ${res?.status()}`);
    await scan(page, url);
  };

  test('every payload posts as a comment (stored, or refused with a 4xx) and names take every payload', async () => {
    await updateSettings(env.deps, { comments: { ...DEFAULT_COMMENT_RULES, holdNewReaders: false } }, 'test');
    const clients: ReaderClient[] = [];
    for (let i = 0; i < P; i++) {
      // Half comment under a comment name, half under their account's name: both are shown.
      const reader = await makeReader(env.deps, {
        name: v(i, 7, 120),
        comment_name: i % 2 ? v(i, 11, 120) : '',
      });
      clients.push(await readerClient(t, reader));
    }
    for (let i = 0; i < P; i++) {
      const story = stories[Math.floor(i / PER_STORY)]!;
      const path = `/stories/${story.slug}/comments`;
      const json = i % 2 === 0;
      const res = await clients[i]!.postForm(path, { body: v(i, 0) }, json ? { accept: 'application/json' } : {});
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      assert.ok(res.status < 500, `payload ${i}: ${res.status}`);
      // A reply on every third, by the next reader, carrying another payload.
      if (i % 3 === 0 && res.status === 201) {
        const { comment } = await res.json();
        const reply = await clients[(i + 1) % P]!.postForm(path, { body: v(i, 3), parent: String(comment.id) });
        assert.ok(reply.status < 500);
      }
    }
    for (const payload of WITH_NUL) {
      const res = await clients[0]!.postForm(`/stories/${stories[0]!.slug}/comments`, { body: payload });
      assert.equal(res.status, 400, 'a NUL is refused by the input layer');
    }
    // A few waiting for the desk (a new reader, holding back on), so the waiting queue has hostile rows too.
    await updateSettings(env.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
    for (let i = 0; i < 5; i++) {
      const c = await readerClient(t, await makeReader(env.deps, { name: v(i, 21, 120) }));
      await c.postForm(`/stories/${stories[0]!.slug}/comments`, { body: v(i, 17) });
    }
    const stored = await env.deps.db.selectFrom('comments').select('id').execute();
    assert.ok(stored.length >= P, `${stored.length} comments stored`);
  });

  test('nothing runs and nothing is injected: story pages with their comments, comments pages, fragments, the desk', async () => {
    const page = await browser.context.newPage();
    await page.route(/\.(png|jpe?g|webp|avif|gif)(\?|$)/, (r) => r.abort());
    for (const s of stories) {
      // The story page: site.js loads the comments fragment into it.
      await page.goto(`${server.url}/stories/${s.slug}#comments`, { waitUntil: 'load' });
      await page.locator('section[data-comments]').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-comment-items] > li').length > 0);
      // "Older comments" appended in place.
      const more = page.locator('[data-comments-more]');
      if (await more.count()) {
        const before = await page.locator('[data-comment-items] > li').count();
        await more.click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-comment-items] > li').length > n, before);
      }
      await scan(page, `/stories/${s.slug} with its comments`);
      // The comments page and every page after it (no JavaScript needed), and the bare fragment.
      let next: string | null = `${server.url}/stories/${s.slug}/comments`;
      while (next) {
        await check(page, next);
        const link = page.locator('[data-comments-more]');
        const href = (await link.count()) > 0 ? await link.getAttribute('href') : null;
        next = href ? server.url + href : null;
      }
      await check(page, `${server.url}/stories/${s.slug}/comments/list`);
    }
    const desk = await signIn(browser.context, server.url, 'owner@desk.test');
    for (const queue of ['pending', 'approved', 'hidden', 'spam', 'reported']) {
      let next: string | null = `${server.url}/desk/comments?queue=${queue}`;
      while (next) {
        await check(desk, next);
        const link = desk.locator('a.button', { hasText: 'Older' });
        const href = (await link.count()) > 0 ? await link.getAttribute('href') : null;
        next = href ? server.url + href : null;
      }
    }
    await check(desk, `${server.url}/desk/comments/log`);
    assert.ok(checked >= stories.length * 3 + 6, `${checked} pages`);
    assert.equal(executed, 0, findings.join('\n'));
    assert.deepEqual(findings, []);
  });

  test('a hostile comment that arrives live (approved while the page is open) runs nothing either', async (c) => {
    const s = stories[0]!;
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/stories/${s.slug}`, { waitUntil: 'load' });
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await page.locator('section[data-comments]').waitFor();
    const waiting = await env.deps.db
      .selectFrom('comments')
      .select('id')
      .where('story_id', '=', s.id)
      .where('status', '=', 'pending')
      .execute();
    assert.ok(waiting.length > 0);
    const desk = await signIn(browser.context, server.url, 'owner@desk.test');
    await desk.goto(`${server.url}/desk/comments?queue=pending&story=${s.id}`);
    for (const w of waiting) {
      await Promise.all([
        desk.waitForURL(/done=approve/),
        desk.locator(`tr[data-comment-id="${w.id}"]`).getByRole('button', { name: 'Approve' }).click(),
      ]);
      await page.locator(`li[data-comment-id="${w.id}"]`).waitFor();
    }
    await scan(page, `/stories/${s.slug} after live comments`);
    assert.equal(executed, 0, findings.join('\n'));
    assert.deepEqual(findings, []);
    c.diagnostic(
      `hostile figures: comments: ${P} payloads as comment text and names, ${checked} pages checked, post answers ` +
        `${[...statuses].map(([k, n]) => `${k}×${n}`).join(' ')}, 0 ran`,
    );
  });
});
