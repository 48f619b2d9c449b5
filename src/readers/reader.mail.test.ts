import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { signedIn } from '../../test/support/desk.js';
import { EN, UK, withEditions } from '../../test/support/editions.js';
import { type TestSmtp, freePort, linkIn, startSmtp } from '../../test/support/smtp.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { READER_LINK_MAIL } from './reader.jobs.js';
import { findOrCreateReader } from './reader.service.js';
import { redeemSignInLink, requestEmailChange, requestSignInLink } from './sign-in.service.js';

const tokenOf = (url: string) => url.split('/account/link/')[1]!;

for (const dialect of DIALECTS) {
  describe(`readers' account mail goes through the job runner (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtp | null = null;
    let port: number;
    let now = Date.UTC(2026, 8, 1, 9);
    before(async () => {
      // The mail server is down to begin with: nothing listens on its port.
      port = await freePort();
      t = await createTestApp(dialect, {
        env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Kyiv Herald <news@herald.test>' },
        clock: () => now,
      });
      await withEditions(t.deps, [EN, UK]);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), name: 'Kyiv Herald' }, 'test');
    });
    after(async () => {
      await t.close();
      await smtp?.close();
    });

    const mailJob = () =>
      t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', READER_LINK_MAIL).executeTakeFirstOrThrow();

    test('SMTP down: the request still succeeds, the job retries with backoff, the desk shows it; once up, one mail', async () => {
      const out = await requestSignInLink(t.deps, { email: 'down@reader.test', language: 'en', source: 'account' });
      assert.deepEqual(out, { outcome: 'sent' }, 'the reader is told the same as ever');
      await t.jobs.settled();
      let job = await mailJob();
      assert.equal(job.status, 'queued');
      assert.equal(job.attempts, 1);
      assert.ok(job.last_error.length > 0, 'the failure is kept');
      assert.equal(job.run_at - now, 15_000, 'the next try after the first backoff');

      const desk = await signedIn(t, 'admin');
      const page = await (await desk.get('/desk/jobs')).text();
      assert.match(page, new RegExp(`<tr data-job-id="${job.id}"[^>]*>.*?<code>reader\\.link-mail</code>`, 's'));

      // Still down at the second try: the wait doubles.
      now += 15_000;
      assert.equal(await t.jobs.tick(), 1);
      job = await mailJob();
      assert.deepEqual([job.status, job.attempts, job.run_at - now], ['queued', 2, 30_000]);

      // The server comes back where it was; the next try sends the mail, once.
      smtp = await startSmtp({ port });
      assert.equal(await t.jobs.tick(), 0, 'not before its time');
      now += 30_000;
      assert.equal(await t.jobs.tick(), 1);
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.envelope.to, ['down@reader.test']);
      assert.equal(mail!.subject, 'Confirm your email address for Kyiv Herald');
      job = await mailJob();
      assert.deepEqual([job.status, job.last_error], ['done', '']);
      // The link that arrived works (each try made its own token; the one mailed is valid).
      assert.equal((await redeemSignInLink(t.deps, tokenOf(linkIn(mail!, '/account/link/')))).state, 'signed-in');
      now += 3600_000;
      assert.equal(await t.jobs.tick(), 0, 'nothing left to send');
      await sleep(100);
      assert.equal(smtp.messages.length, 1, 'the mail arrived once');
    });

    test("an email change: the link goes to the new address; once followed, the old one is told, in the reader's language", async () => {
      assert.ok(smtp, 'the server is up (the test before started it)');
      const { reader } = await findOrCreateReader(t.deps, { email: 'old@reader.test', language: 'uk', source: 'x' });
      const before = smtp.messages.length;
      assert.deepEqual(await requestEmailChange(t.deps, reader, 'New@Reader.test', 'en'), { outcome: 'sent' });
      const change = (await smtp.waitFor(before + 1))[before]!;
      assert.deepEqual(change.envelope.to, ['new@reader.test']);
      assert.equal(change.subject, 'Confirm your new email address for Kyiv Herald');
      assert.equal(smtp.messages.length, before + 1, 'the old address hears nothing until the change is made');

      const redeemed = await redeemSignInLink(t.deps, tokenOf(linkIn(change, '/account/link/')));
      assert.equal(redeemed.state, 'signed-in');
      assert.ok(redeemed.state === 'signed-in' && redeemed.reader.email === 'new@reader.test');
      const notice = (await smtp.waitFor(before + 2))[before + 1]!;
      assert.deepEqual(notice.envelope.to, ['old@reader.test']);
      assert.equal(notice.subject, 'Адресу вашої пошти на «Kyiv Herald» змінено');
      assert.match(notice.text, /new@reader\.test/);
      assert.match(notice.text, /Якщо це зробили не ви/);
      assert.match(notice.html, /lang="uk"/);
      assert.doesNotMatch(notice.text, /\/account\/link\//, 'the notice carries no link');
      await sleep(100);
      assert.equal(smtp.messages.length, before + 2, 'one notice');
    });

    test('an English reader gets the notice in English', async () => {
      assert.ok(smtp);
      const { reader } = await findOrCreateReader(t.deps, { email: 'en-old@reader.test', language: 'en', source: 'x' });
      const before = smtp.messages.length;
      await requestEmailChange(t.deps, reader, 'en-new@reader.test', 'en');
      const change = (await smtp.waitFor(before + 1))[before]!;
      await redeemSignInLink(t.deps, tokenOf(linkIn(change, '/account/link/')));
      const notice = (await smtp.waitFor(before + 2))[before + 1]!;
      assert.deepEqual(notice.envelope.to, ['en-old@reader.test']);
      assert.equal(notice.subject, 'Your email address for Kyiv Herald was changed');
      assert.match(notice.text, /now uses en-new@reader\.test/);
      assert.match(notice.text, /If this was not you/);
    });
  });

  describe(`a link mail the server refuses for good (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtp;
    before(async () => {
      smtp = await startSmtp({ rejectRecipient: (a) => (a.startsWith('gone') ? 550 : undefined) });
      t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url } });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('a 5xx fails the job at once: no retries to an address that refuses mail; the request was still answered', async () => {
      const out = await requestSignInLink(t.deps, { email: 'gone@reader.test', language: 'en', source: 'account' });
      assert.deepEqual(out, { outcome: 'sent' });
      await t.jobs.settled();
      const job = await t.deps.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', READER_LINK_MAIL)
        .executeTakeFirstOrThrow();
      assert.deepEqual([job.status, job.attempts], ['failed', 1]);
      assert.match(job.last_error, /550/);
      assert.equal(smtp.messages.length, 0);
    });
  });
}
