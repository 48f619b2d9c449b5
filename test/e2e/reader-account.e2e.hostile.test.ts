import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app.js';
import type { TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { type DeskClient, deskClient, signedIn } from '../support/desk.js';
import { latestLinkPath, signedInReader } from '../support/reader.js';
import { listen } from '../support/server.js';
import { INJECTED_SCAN, XSS_CORPUS, XSS_TRAP } from '../support/xss-corpus.js';

const CORPUS = XSS_CORPUS.filter((x) => !x.includes('\u0000'));
const P = CORPUS.length;
const v = (i: number, k: number, max = 120) => CORPUS[(i + k) % P]!.slice(0, max);

/**
 * The reader-typed fields (a reader's name and comment name, the sign-up form's name and address) and the words
 * they reach (the account pages, the emails kept in the outbox with the newsroom's name and postal address) with
 * every payload of the corpus, loaded in real Chromium with its CSP bypassed: nothing may run, nothing injected.
 */
describe('the XSS corpus through reader accounts and their emails, in real Chromium', () => {
  let env: TestEnv;
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let owner: DeskClient;
  let reader: DeskClient;
  let executed = 0;
  const findings: string[] = [];
  let pages = 0;

  before(async () => {
    env = await createTestEnv('sqlite');
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
    owner = await signedIn(t, 'owner', { name: 'Olga Owner' });
    reader = await signedInReader(t, 'corpus@reader.test');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await env?.close();
  });

  const check = async (page: Page, url: string, allow: (finding: string) => boolean = () => false) => {
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.ok(res && res.status() < 500, `${url}: ${res?.status()}`);
    const hits = (await page.evaluate(
      '(() => { const n = window.__xssHits; window.__xssHits = 0; return n; })()',
    )) as number;
    const injected = (await page.evaluate(INJECTED_SCAN)) as string[];
    executed += hits;
    for (const x of injected) if (!allow(x)) findings.push(`${url}: ${x}`);
    if (hits) findings.push(`${url}: __xss ran ${hits} time(s)`);
    pages++;
  };

  test('names, comment names, sign-up fields, the newsroom in emails: none of it runs or is injected', async (c) => {
    const page = await browser.context.newPage();
    await page.route(/\.(png|jpe?g|webp|avif|gif)(\?|$)/, (r) => r.abort());
    // The browser signs in as the same reader (the real way) and to the desk as the owner.
    await page.goto(`${server.url}/account/sign-in`);
    await page.fill('#account-email', 'corpus@reader.test');
    await Promise.all([page.waitForURL(/\/account\/sign-in$/), page.click('button[type=submit]')]);
    await page.goto(`${server.url}${await latestLinkPath(t, 'corpus@reader.test')}`);
    await Promise.all([page.waitForURL(/\/account$/), page.click('main button[type=submit]')]);
    await page.goto(`${server.url}/desk/login`);
    await page.fill('#email', owner.user!.email);
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(/\/desk(\?|$|\/)/), page.getByRole('button', { name: /sign in/i }).click()]);

    let mails = 0;
    for (let i = 0; i < P; i++) {
      const saved = await reader.postForm('/account/profile', { name: v(i, 0), comment_name: v(i, 1) });
      assert.ok(saved.status === 303 || saved.status === 400, `profile: ${saved.status}`);
      await check(page, `${server.url}/account`);
      // The newsroom's name and postal address reach every email; a hostile sign-up name reaches the desk.
      const settings = await owner.postForm('/desk/settings', {
        name: v(i, 2),
        description: 'News',
        address: v(i, 3, 500),
      });
      assert.ok(settings.status === 303 || settings.status === 400, `settings: ${settings.status}`);
      if (i % 4 === 0) {
        const email = `p${i}@corpus.test`;
        const asked = await deskClient(t, {
          incoming: { socket: { remoteAddress: `203.0.113.${(i % 250) + 1}` } },
        }).postForm('/account/sign-up', { email, name: v(i, 4) });
        assert.equal(asked.status, 200);
        await env.jobs.settled();
        const [mail] = await env.deps.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('to_address', '=', email)
          .execute();
        // The outbox page has the message's HTML in its one sandboxed frame, by design; the frame's page is checked too.
        await check(page, `${server.url}/desk/outbox/${mail!.id}`, (x) =>
          /^element <iframe> <iframe title="HTML part" src="\/desk\/outbox\/\d+\/html" sandbox=""/.test(x),
        );
        await check(page, `${server.url}/desk/outbox/${mail!.id}/html`);
        mails++;
      }
    }
    await check(page, `${server.url}/desk/outbox`);
    await page.close();
    c.diagnostic(
      `hostile figures: reader accounts in Chromium: ${P} payloads, ${pages} pages, ${mails} emails checked, ${executed} ran`,
    );
    assert.equal(executed, 0);
    assert.deepEqual(findings, []);
  });
});
