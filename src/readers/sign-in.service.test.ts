import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { type TestSmtp, linkIn, startSmtp } from '../../test/support/smtp.js';
import { listOutbox } from '../mail/outbox.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { getSettings } from '../settings/settings.repo.js';
import { READER_LIMITS, takeRateToken } from './rate-limit.js';
import { SIGN_IN_LINK_TTL_MS } from './reader.mail.js';
import { findReaderByEmail } from './reader.repo.js';
import { findOrCreateReader } from './reader.service.js';
import { findReaderSession, createReaderSession, endAllReaderSessions } from './reader-session.service.js';
import { inspectSignInLink, redeemSignInLink, requestSignInLink, safeNext } from './sign-in.service.js';

const tokenOf = (url: string) => url.split('/account/link/')[1]!;

for (const dialect of DIALECTS) {
  describe(`sign-in links over SMTP (${dialect})`, () => {
    let smtp: TestSmtp;
    let t: TestEnv;
    let now = 1_800_000_000_000;
    before(async () => {
      smtp = await startSmtp();
      t = await createTestEnv(
        dialect,
        { SMTP_URL: smtp.url, MAIL_FROM: 'Kyiv Herald <news@herald.test>' },
        { clock: () => now },
      );
      await updateSettings(
        t.deps,
        { ...(await getSettings(t.deps.db)), name: 'Kyiv Herald', address: '1 Khreshchatyk St, Kyiv' },
        'test',
      );
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('a new address gets a sign-up link: HTML and text parts, the footer with the address; one use only', async () => {
      const out = await requestSignInLink(t.deps, {
        email: '  Reader@Example.ORG ',
        language: 'en',
        source: 'story',
        sourceDetail: '/stories/x',
        newsletters: [999],
        next: '/stories/x',
      });
      assert.deepEqual(out, { outcome: 'sent' });
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.envelope.to, ['reader@example.org']);
      assert.equal(mail!.subject, 'Confirm your email address for Kyiv Herald');
      assert.match(mail!.from, /"?Kyiv Herald"? <news@herald\.test>/);
      assert.match(mail!.html, /<table/);
      assert.match(mail!.html, /1 Khreshchatyk St, Kyiv/);
      assert.match(mail!.text, /1 Khreshchatyk St, Kyiv/);
      assert.match(mail!.text, /within 30 minutes/);
      const url = linkIn(mail!, '/account/link/');
      assert.ok(url.startsWith('http://news.test/account/link/'));
      const reader = await findReaderByEmail(t.deps.db, 'reader@example.org');
      assert.equal(reader?.confirmed_at, null, 'unconfirmed until the link is followed');
      assert.equal(reader?.source, 'story');
      // The token is stored hashed only.
      const stored = await t.deps.db.selectFrom('reader_tokens').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.notEqual(stored[0]!.token_hash, tokenOf(url));
      assert.match(stored[0]!.token_hash, /^[0-9a-f]{64}$/);

      assert.equal((await inspectSignInLink(t.deps, tokenOf(url))).state, 'valid', 'looking does not use it');
      const first = await redeemSignInLink(t.deps, tokenOf(url));
      assert.equal(first.state, 'signed-in');
      assert.ok(first.state === 'signed-in' && first.reader.confirmed_at !== null);
      assert.ok(first.state === 'signed-in' && first.payload.next === '/stories/x');
      assert.equal((await redeemSignInLink(t.deps, tokenOf(url))).state, 'used');
      assert.equal((await inspectSignInLink(t.deps, tokenOf(url))).state, 'used');
      assert.equal((await redeemSignInLink(t.deps, 'x'.repeat(43))).state, 'invalid');
    });

    test('a known address gets a sign-in link; an expired link says so', async () => {
      const before = smtp.messages.length;
      await requestSignInLink(t.deps, { email: 'reader@example.org', language: 'en', source: 'account' });
      const mail = (await smtp.waitFor(before + 1))[before];
      assert.equal(mail!.subject, 'Your link to sign in to Kyiv Herald');
      const token = tokenOf(linkIn(mail!, '/account/link/'));
      now += SIGN_IN_LINK_TTL_MS + 1;
      assert.equal((await inspectSignInLink(t.deps, token)).state, 'expired');
      assert.equal((await redeemSignInLink(t.deps, token)).state, 'expired');
    });

    test('two redemptions at once: exactly one signs in', async () => {
      const before = smtp.messages.length;
      await requestSignInLink(t.deps, { email: 'race@example.org', language: 'en', source: 'account' });
      const mails = await smtp.waitFor(before + 1);
      const token = tokenOf(linkIn(mails[before]!, '/account/link/'));
      const results = await Promise.all([0, 1, 2, 3].map(() => redeemSignInLink(t.deps, token)));
      assert.equal(results.filter((r) => r.state === 'signed-in').length, 1);
    });

    test('per-address limit: the same answer for a known and an unknown address, then limited', async () => {
      now += 3 * 3600_000;
      for (const email of ['reader@example.org', 'nobody-yet@example.org']) {
        for (let i = 0; i < READER_LIMITS.signInPerEmail.limit; i++)
          assert.deepEqual(await requestSignInLink(t.deps, { email, language: 'en', source: 'account' }), {
            outcome: 'sent',
          });
        assert.deepEqual(await requestSignInLink(t.deps, { email, language: 'en', source: 'account' }), {
          outcome: 'limited',
          by: 'email',
        });
      }
      now += READER_LIMITS.signInPerEmail.windowMs + 1;
      assert.equal(
        (await requestSignInLink(t.deps, { email: 'reader@example.org', language: 'en', source: 'x' })).outcome,
        'sent',
      );
    });

    test('takeRateToken counts per bucket and key, and frees up after the window', async () => {
      const limit = { limit: 2, windowMs: 1000 };
      assert.equal(await takeRateToken(t.deps, 'test', 'a', limit), true);
      assert.equal(await takeRateToken(t.deps, 'test', 'a', limit), true);
      assert.equal(await takeRateToken(t.deps, 'test', 'a', limit), false);
      assert.equal(await takeRateToken(t.deps, 'test', 'b', limit), true);
      assert.equal(await takeRateToken(t.deps, 'other', 'a', limit), true);
      now += 1001;
      assert.equal(await takeRateToken(t.deps, 'test', 'a', limit), true);
      const keys = await t.deps.db.selectFrom('reader_rate_events').select('key').execute();
      assert.ok(
        keys.every((k) => !k.key.includes('@')),
        'keys are stored hashed',
      );
    });

    test('findOrCreateReader: one row for racing creates; sessions revoke everywhere', async () => {
      const made = await Promise.all(
        [0, 1, 2].map(() => findOrCreateReader(t.deps, { email: 'Twin@Example.org', language: 'uk', source: 'test' })),
      );
      assert.equal(new Set(made.map((m) => m.reader.id)).size, 1);
      assert.equal(made.filter((m) => m.created).length, 1);
      const reader = made[0]!.reader;
      const a = await createReaderSession(t.deps, reader, 'ua');
      const b = await createReaderSession(t.deps, reader, 'ub');
      assert.equal((await findReaderSession(t.deps, a))?.reader.id, reader.id);
      assert.equal(await endAllReaderSessions(t.deps, reader.id), 2);
      assert.equal(await findReaderSession(t.deps, a), null);
      assert.equal(await findReaderSession(t.deps, b), null);
    });
  });

  describe(`without SMTP_URL, mail goes to the outbox and the link to the log (${dialect})`, () => {
    let t: TestEnv;
    const lines: Record<string, unknown>[] = [];
    before(async () => {
      t = await createTestEnv(dialect, {}, { log: (l) => lines.push(l) });
    });
    after(() => t.close());

    test('the outbox keeps the message; the log line carries the link', async () => {
      assert.equal(t.deps.mailer.kind, 'outbox');
      await requestSignInLink(t.deps, { email: 'laptop@example.org', language: 'en', source: 'account' });
      await t.jobs.settled();
      const [kept] = await listOutbox(t.deps.db, { limit: 10 });
      assert.equal(kept?.to_address, 'laptop@example.org');
      assert.equal(kept?.kind, 'reader.sign-in');
      assert.match(kept!.text, /\/account\/link\//);
      const line = lines.find((l) => typeof l.url === 'string' && String(l.url).includes('/account/link/'));
      assert.ok(line, 'a log line with the link');
      assert.ok(kept!.text.includes(String(line.url)));
    });
  });
}

describe('safeNext keeps a reader on this site', () => {
  test('paths stay; other hosts and schemes become /', () => {
    assert.equal(safeNext('/stories/x?y=1'), '/stories/x?y=1');
    assert.equal(safeNext('/uk/account'), '/uk/account');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      undefined,
      '/a b',
    ])
      assert.equal(safeNext(bad), '/');
  });
});
