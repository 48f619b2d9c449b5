import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { makeSection, makeStory } from '../support/factories.js';
import { listen } from '../support/server.js';
import { type TestSmtp, linkIn, startSmtp } from '../support/smtp.js';

/**
 * A reader signs up from a story page in real Chromium with JavaScript off: the header's Sign in link, the sign-up
 * form, "check your email", the link arriving at a real SMTP server, the link's page and its button, back on the
 * story signed in, the account page. Then, with JavaScript on and the same cookies, the cached story page's header
 * says "Account" (site.js asked /account/state.json).
 */
describe('reader sign-up by email link in real Chromium', () => {
  let smtp: TestSmtp;
  let env: TestEnv;
  let server: Awaited<ReturnType<typeof listen>>;
  let noJs: Awaited<ReturnType<typeof launchBrowser>>;
  let withJs: Awaited<ReturnType<typeof launchBrowser>>;
  let storyPath = '';

  before(async () => {
    smtp = await startSmtp();
    env = await createTestEnv('sqlite', { SMTP_URL: smtp.url, MAIL_FROM: 'Test Herald <news@herald.test>' });
    const section = await makeSection(env.deps, { name: 'City' });
    const story = await makeStory(env.deps, { sectionId: section.id, headline: 'The bridge reopens' });
    storyPath = `/stories/${story.slug}`;
    server = await listen(createApp(env.deps));
    noJs = await launchBrowser({ javaScriptEnabled: false });
    withJs = await launchBrowser();
  });
  after(async () => {
    await withJs?.close();
    await noJs?.close();
    await server?.close();
    await env?.close();
    await smtp?.close();
  });

  test('sign up from a story without JavaScript, receive the link over SMTP, follow it, see the account', async () => {
    const page = await noJs.context.newPage();
    await page.goto(`${server.url}${storyPath}`);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/account\/sign-in\?next=/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/account\/sign-up\?next=/);
    await page.getByLabel('Your name (optional)').fill('Petra Reader');
    await page.getByLabel('Email address').fill('petra@reader.test');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').textContent(), 'Check your email', (await page.textContent('main')) ?? '');
    assert.match((await page.textContent('main')) ?? '', /petra@reader\.test/);

    const [mail] = await smtp.waitFor(1);
    assert.deepEqual(mail!.envelope.to, ['petra@reader.test']);
    assert.match(mail!.subject, /Confirm your email address/);
    assert.match(mail!.html, /<table/);
    // The link names the site's public address; this test's server listens elsewhere.
    const link = new URL(linkIn(mail!, '/account/link/'));
    await page.goto(`${server.url}${link.pathname}`);
    await page.waitForSelector('h1:has-text("Confirm your email address")');
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.waitForURL(`${server.url}${storyPath}`);
    assert.equal(await page.locator('h1').textContent(), 'The bridge reopens');
    const cookies = await noJs.context.cookies();
    const session = cookies.find((c) => c.name === 'bs_reader');
    assert.ok(session?.httpOnly, 'an HttpOnly session cookie');
    assert.equal(session?.sameSite, 'Lax');

    await page.goto(`${server.url}/account`);
    await page.waitForSelector('h1:has-text("Your account")');
    assert.match((await page.textContent('main')) ?? '', /You sign in with petra@reader\.test/);
    assert.equal(await page.getByLabel('Your name', { exact: true }).inputValue(), 'Petra Reader');
    await page.getByLabel('Name shown with your comments').fill('Petra R.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('text=Saved.');

    // The story page for this signed-in reader is the shared copy.
    const again = await page.goto(`${server.url}${storyPath}`);
    assert.equal(again?.headers()['x-cache'], 'HIT');

    // With JavaScript and the same cookies, the header turns into the reader's Account link.
    await withJs.context.addCookies(cookies);
    const js = await withJs.context.newPage();
    const errors: string[] = [];
    js.on('pageerror', (e) => errors.push(e.message));
    const stateCalls: string[] = [];
    js.on('request', (r) => {
      if (r.url().includes('/account/state.json')) stateCalls.push(r.url());
    });
    await js.goto(`${server.url}${storyPath}`);
    await js.waitForSelector('[data-account-link][data-signed-in]');
    assert.equal(await js.locator('[data-account-link]').textContent(), 'Account');
    assert.equal(await js.locator('[data-account-link]').getAttribute('href'), '/account');
    assert.equal(stateCalls.length, 1);
    const state = await js.evaluate('window.broadsheetReader');
    assert.equal((state as { name: string }).name, 'Petra R.');

    // Sign out everywhere from the account page; the header goes back to Sign in, and no state is asked for.
    await js.goto(`${server.url}/account`);
    await js.getByRole('button', { name: 'Sign out everywhere' }).click();
    await js.waitForSelector('text=You are signed out on every device.');
    stateCalls.length = 0;
    await js.goto(`${server.url}${storyPath}`);
    assert.equal(await js.locator('[data-account-link]').textContent(), 'Sign in');
    assert.equal(stateCalls.length, 0, 'an anonymous reader costs no state request');
    const noJsPage = await noJs.context.newPage();
    await noJsPage.goto(`${server.url}/account`);
    await noJsPage.waitForURL(/\/account\/sign-in\?next=/);
    assert.deepEqual(errors, []);
  });
});
