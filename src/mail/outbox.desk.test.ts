import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient, signedIn } from '../../test/support/desk.js';
import { getSettings } from '../settings/settings.repo.js';
import { OUTBOX_PAGE } from './outbox.service.js';

for (const dialect of DIALECTS) {
  describe(`the desk's mail outbox (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('owners and admins read the outbox: a reader’s sign-in link is there; editors and below may not', async () => {
      await deskClient(t).postForm('/account/sign-in', { email: 'demo@reader.test' });
      const owner = await signedIn(t, 'owner');
      const list = await owner.get('/desk/outbox');
      assert.equal(list.status, 200);
      const html = await list.text();
      assert.match(html, /No SMTP_URL is set/);
      assert.match(html, /demo@reader\.test/);
      const id = /data-outbox-id="(\d+)"/.exec(html)![1]!;
      const one = await (await owner.get(`/desk/outbox/${id}`)).text();
      assert.match(one, /href="http:\/\/news\.test\/account\/link\/[A-Za-z0-9_-]{43}"/);
      assert.match(one, /<iframe[^>]*sandbox=""/);
      const frame = await owner.get(`/desk/outbox/${id}/html`);
      assert.match(frame.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      assert.match(await frame.text(), /<table/);
      assert.equal((await owner.get('/desk/outbox/99999')).status, 404);
      const admin = await signedIn(t, 'admin');
      assert.equal((await admin.get('/desk/outbox')).status, 200);
      assert.match(await (await admin.get('/desk')).text(), /href="\/desk\/outbox"/);
      for (const role of ['editor', 'author', 'contributor'] as const) {
        const c = await signedIn(t, role);
        assert.equal((await c.get('/desk/outbox')).status, 403, role);
        assert.equal((await c.get(`/desk/outbox/${id}`)).status, 403, role);
        assert.doesNotMatch(await (await c.get('/desk')).text(), /href="\/desk\/outbox"/, role);
      }
    });

    test('keyset-paged, newest first, and filtered by recipient', async () => {
      const now = Date.now();
      await t.deps.db
        .insertInto('mail_outbox')
        .values(
          Array.from({ length: OUTBOX_PAGE + 5 }, (_, i) => ({
            kind: 'test',
            to_address: i % 2 ? 'odd@reader.test' : 'even@reader.test',
            from_address: 'n@news.test',
            subject: `Message ${i}`,
            html: '<p>x</p>',
            text: 'x',
            created_at: now + i,
          })),
        )
        .execute();
      const owner = await signedIn(t, 'owner');
      const first = await (await owner.get('/desk/outbox')).text();
      assert.match(first, /Message 54/);
      const next = /href="(\/desk\/outbox\?before=[^"]+)"/.exec(first)![1]!.replaceAll('&amp;', '&');
      const second = await (await owner.get(next)).text();
      assert.match(second, /Message 0</);
      assert.doesNotMatch(second, /Message 54/);
      const odd = await (await owner.get('/desk/outbox?to=ODD@reader.test')).text();
      assert.doesNotMatch(odd, /even@reader\.test/);
      assert.match(odd, /Message 53/);
      assert.equal((await owner.get('/desk/outbox?before=garbage')).status, 400);
    });

    test('the settings page sets the postal address and what happens to comments of a deleted account', async () => {
      const owner = await signedIn(t, 'owner');
      const res = await owner.postForm('/desk/settings', {
        name: 'Kyiv Herald',
        description: 'News',
        address: '1 Khreshchatyk St\r\nKyiv 01001',
        eraseComments: 'delete',
      });
      assert.equal(res.status, 303);
      const s = await getSettings(t.deps.db);
      assert.equal(s.address, '1 Khreshchatyk St\nKyiv 01001');
      assert.equal(s.eraseComments, 'delete');
      assert.equal(
        (await owner.postForm('/desk/settings', { name: 'Kyiv Herald', description: '', eraseComments: 'maybe' }))
          .status,
        400,
      );
      await owner.postForm('/desk/settings', { name: 'Kyiv Herald', description: 'News' });
      assert.equal((await getSettings(t.deps.db)).eraseComments, 'delete', 'left out: unchanged');
    });
  });
}
