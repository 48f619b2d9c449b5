import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.js';

test('defaults suit a laptop: SQLite under ./data, port 3000, Kyiv time', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.database.kind, 'sqlite');
  assert.match(c.database.kind === 'sqlite' ? c.database.file : '', /data\/broadsheet\.db$/);
  assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(c.timeZone, 'Europe/Kyiv');
  assert.equal(c.webhooks.allowPrivate, false, 'webhooks reach public addresses only');
  assert.equal(loadConfig({ WEBHOOKS_ALLOW_PRIVATE: 'true' }).webhooks.allowPrivate, true);
  assert.ok(Object.isFrozen(c));
});

test('a postgres:// URL selects PostgreSQL; PUBLIC_URL loses its trailing slash', () => {
  const c = loadConfig({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/news',
    PUBLIC_URL: 'https://news.example/',
  });
  assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/news' });
  assert.equal(c.publicUrl, 'https://news.example');
});

test('bad settings fail at start with a readable message', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => loadConfig({ TZ_NEWSROOM: 'Mars/Olympus' }), /unknown time zone/);
  assert.throws(() => loadConfig({ PUBLIC_URL: 'not a url' }), /PUBLIC_URL/);
  assert.throws(() => loadConfig({ WEBHOOKS_ALLOW_PRIVATE: 'yes' }), /WEBHOOKS_ALLOW_PRIVATE/);
});

test('mail: the outbox without SMTP_URL, the sender parsed, DKIM all or nothing', () => {
  const c = loadConfig({});
  assert.equal(c.mail.smtpUrl, undefined);
  assert.deepEqual(c.mail.from, { name: 'Broadsheet', address: 'newsroom@localhost' });
  assert.equal(c.mail.dkim, undefined);
  assert.deepEqual(loadConfig({ MAIL_FROM: '"Kyiv Herald" <news@herald.example>' }).mail.from, {
    name: 'Kyiv Herald',
    address: 'news@herald.example',
  });
  assert.deepEqual(loadConfig({ MAIL_FROM: 'news@herald.example' }).mail.from, {
    name: '',
    address: 'news@herald.example',
  });
  assert.throws(() => loadConfig({ MAIL_FROM: 'Kyiv Herald' }), /MAIL_FROM/);
  assert.throws(() => loadConfig({ SMTP_URL: 'http://mail.example' }), /SMTP_URL/);
  assert.equal(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465' }).mail.smtpUrl, 'smtps://u:p@mail.example:465');
  assert.throws(() => loadConfig({ DKIM_DOMAIN: 'herald.example' }), /DKIM/);
  assert.throws(
    () => loadConfig({ DKIM_DOMAIN: 'h.example', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: '/no/such/key.pem' }),
    /DKIM_PRIVATE_KEY_FILE/,
  );
  assert.deepEqual(loadConfig({ DKIM_DOMAIN: 'h.example', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: 'PEM' }).mail.dkim, {
    domainName: 'h.example',
    keySelector: 's',
    privateKey: 'PEM',
  });
});
