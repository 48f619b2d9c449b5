import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type TestSmtp, startSmtp } from '../../test/support/smtp.js';
import { loadConfig } from '../config.js';
import { translator } from '../i18n/catalogue.js';
import { renderEmail } from './email.layout.js';
import { fillMail, mailSlot } from './mail.template.js';
import { MailSendError, type Mailer, createMailer } from './mailer.js';

const noDb = {} as never;
const message = (to: string) => ({
  kind: 'test',
  from: { name: 'Kyiv Herald', address: 'news@herald.test' },
  to,
  subject: 'Hello',
  html: '<p>Hello</p>',
  text: 'Hello',
  headers: { 'List-Unsubscribe': '<https://news.test/u/1>' },
});

describe('the SMTP mailer', () => {
  let smtp: TestSmtp;
  let mailer: Mailer;
  let signed: Mailer;
  before(async () => {
    smtp = await startSmtp({
      rejectRecipient: (a) => (a.startsWith('gone@') ? 550 : a.startsWith('busy@') ? 451 : undefined),
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const base = { DATA_DIR: '/tmp', SMTP_URL: smtp.url };
    mailer = createMailer({ config: loadConfig(base), db: noDb, clock: Date.now, log: () => {} });
    signed = createMailer({
      config: loadConfig({
        ...base,
        DKIM_DOMAIN: 'herald.test',
        DKIM_SELECTOR: 'mail',
        DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
      db: noDb,
      clock: Date.now,
      log: () => {},
    });
  });
  after(async () => {
    await mailer.close();
    await signed.close();
    await smtp.close();
  });

  test('delivers with the given headers and Message-ID', async () => {
    const { messageId } = await mailer.send({ ...message('one@example.org'), messageId: '<fixed-1@herald.test>' });
    assert.equal(messageId, '<fixed-1@herald.test>');
    const [got] = await smtp.waitFor(1);
    assert.equal(got!.messageId, '<fixed-1@herald.test>');
    assert.ok(got!.headerLines.some((h) => h.key === 'list-unsubscribe'));
    assert.ok(!got!.headerLines.some((h) => h.key === 'dkim-signature'), 'no DKIM without a key');
  });

  test('a 5xx is a permanent failure, a 4xx a temporary one', async () => {
    const gone = await mailer.send(message('gone@example.org')).catch((e: unknown) => e);
    assert.ok(gone instanceof MailSendError);
    assert.equal(gone.permanent, true);
    assert.equal(gone.responseCode, 550);
    const busy = await mailer.send(message('busy@example.org')).catch((e: unknown) => e);
    assert.ok(busy instanceof MailSendError);
    assert.equal(busy.permanent, false);
  });

  test('a compiled message goes to each recipient with their own slots, address and Message-ID', async () => {
    const n = smtp.messages.length;
    const body = {
      kind: 'newsletter.issue',
      from: { name: 'Київський вісник', address: 'news@herald.test' },
      subject: 'Ранок: три історії',
      html: `<p>${'Довгий рядок тексту '.repeat(30)}</p>\n<a href="https://news.test/u/${mailSlot('U')}">Відписатися</a>  \n`,
      text: `Відписатися: https://news.test/u/${mailSlot('U')}\nКінець`,
      headers: { 'List-Unsubscribe': `<https://news.test/u/${mailSlot('U')}>`, 'List-Id': 'Ранок <m.news.test>' },
    };
    const compiled = mailer.compile(body);
    for (const i of [1, 2])
      await compiled.send({ to: `r${i}@example.org`, messageId: `<issue-${i}@herald.test>`, slots: { U: `tok-${i}` } });
    const got = (await smtp.waitFor(n + 2)).slice(n);
    for (const [k, m] of got.entries()) {
      const i = k + 1;
      const want = fillMail(body, {
        to: `r${i}@example.org`,
        messageId: `<issue-${i}@herald.test>`,
        slots: { U: `tok-${i}` },
      });
      assert.deepEqual(m.envelope.to, [`r${i}@example.org`]);
      assert.equal(m.to, `r${i}@example.org`);
      assert.equal(m.messageId, `<issue-${i}@herald.test>`);
      assert.equal(m.subject, body.subject);
      assert.equal(m.html.replace(/\r\n/g, '\n'), want.html);
      assert.equal(m.text, want.text);
      assert.ok(m.headerLines.some((h) => h.line === `List-Unsubscribe: <https://news.test/u/tok-${i}>`));
    }
  });

  test('with a DKIM key, messages carry a DKIM-Signature for the domain and selector', async () => {
    const n = smtp.messages.length;
    await signed.send(message('two@example.org'));
    const got = (await smtp.waitFor(n + 1))[n]!;
    const sig = got.headerLines.find((h) => h.key === 'dkim-signature');
    assert.ok(sig, 'signed');
    assert.match(sig.line, /d=herald\.test/);
    assert.match(sig.line, /s=mail/);
  });
});

describe('the email layout', () => {
  test('escapes text, keeps the newsroom, address and read-on-site link, and has a plain-text part', async () => {
    const out = await renderEmail({
      t: translator('uk'),
      language: 'uk',
      newsroom: { name: 'Herald <b>', address: 'вул. Хрещатик, 1\nКиїв', url: 'https://news.test/' },
      subject: 'Тема',
      blocks: [
        { kind: 'heading', text: '<script>alert(1)</script>' },
        { kind: 'paragraph', text: 'Текст & "лапки"' },
        { kind: 'button', label: 'Увійти', href: 'https://news.test/a?b=1&c=2' },
        { kind: 'image', src: 'https://news.test/i.jpg', width: 600, height: 400, alt: 'Фото "x"' },
      ],
      readOnSite: 'https://news.test/stories/x',
    });
    assert.doesNotMatch(out.html, /<script>alert/);
    assert.match(out.html, /&lt;script&gt;/);
    assert.match(out.html, /Herald &lt;b&gt;/);
    assert.match(out.html, /lang="uk"/);
    assert.match(out.html, /Читати на сайті/);
    assert.match(out.html, /width="600"/);
    assert.match(out.html, /alt="Фото &quot;x&quot;"/);
    assert.match(out.text, /^Herald <b>/);
    assert.match(out.text, /Увійти:\nhttps:\/\/news\.test\/a\?b=1&c=2/);
    assert.match(out.text, /вул\. Хрещатик, 1\nКиїв/);
    assert.match(out.text, /Читати на сайті: https:\/\/news\.test\/stories\/x/);
  });
});
