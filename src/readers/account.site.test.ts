import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient } from '../../test/support/desk.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { latestLinkPath, signedInReader } from '../../test/support/reader.js';
import { updateSettings } from '../settings/settings.service.js';
import { getSettings } from '../settings/settings.repo.js';
import { findReaderByEmail, findReaderById } from './reader.repo.js';

for (const dialect of DIALECTS) {
  describe(`reader accounts over HTTP (${dialect})`, () => {
    let t: TestApp;
    let nl: { a: number; b: number; hidden: number };
    before(async () => {
      t = await createTestApp(dialect);
      const now = Date.now();
      const add = (slug: string, visible: number, default_on = 0) =>
        t.deps.db
          .insertInto('newsletters')
          .values({
            slug,
            name: `News ${slug}`,
            sender_name: 'N',
            sender_email: 'n@news.test',
            visible,
            default_on,
            digest_hour: null,
            archived_at: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      nl = { a: (await add('a', 1, 1)).id, b: (await add('b', 1)).id, hidden: (await add('h', 0)).id };
    });
    after(() => t.close());

    test('sign up without JS: the form, "check your email", the link page, then signed in with the newsletters chosen', async () => {
      const c = deskClient(t);
      const form = await (await c.get('/account/sign-up?next=/stories/x')).text();
      assert.match(form, /name="newsletter" value="\d+" checked/);
      assert.doesNotMatch(form, /News h/, 'a hidden newsletter is not offered');
      const asked = await c.postForm('/account/sign-up', {
        email: 'New@Reader.test',
        name: 'Nadia',
        next: '/stories/x',
        newsletter: [String(nl.b)],
      });
      assert.equal(asked.status, 200);
      assert.equal(asked.headers.get('cache-control'), 'private, no-store');
      assert.match(await asked.text(), /Check your email/);
      assert.equal(asked.headers.getSetCookie().length, 0, 'asking signs no one in');
      const link = await latestLinkPath(t, 'new@reader.test');
      // A scanner opening the link (GET, even twice) does not use it.
      for (let i = 0; i < 2; i++) {
        const shown = await c.get(link);
        assert.equal(shown.status, 200);
        assert.equal(shown.headers.get('referrer-policy'), 'same-origin');
        assert.match(await shown.text(), /<form method="post" action="\/account\/link\/[^"]+"><button/);
      }
      assert.equal((await findReaderByEmail(t.deps.db, 'new@reader.test'))?.confirmed_at, null);
      const done = await c.postForm(link, {});
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/stories/x');
      const cookies = done.headers.getSetCookie();
      const session = cookies.find((l) => l.startsWith('bs_reader='))!;
      assert.match(session, /HttpOnly/i);
      assert.match(session, /SameSite=Lax/i);
      assert.match(session, /Path=\//);
      assert.match(session, /Max-Age=\d{7,}/, 'long-lived');
      assert.ok(cookies.some((l) => l.startsWith('bs_reader_on=1') && !/HttpOnly/i.test(l)));
      const reader = (await findReaderByEmail(t.deps.db, 'new@reader.test'))!;
      assert.ok(reader.confirmed_at);
      assert.equal(reader.name, 'Nadia');
      const subs = await t.deps.db
        .selectFrom('newsletter_subscriptions')
        .selectAll()
        .where('reader_id', '=', reader.id)
        .execute();
      assert.deepEqual(
        subs.map((s) => [s.newsletter_id, s.status]),
        [[nl.b, 'subscribed']],
      );
      const state = await c.get('/account/state.json');
      assert.equal(state.headers.get('cache-control'), 'private, no-store');
      const body = (await state.json()) as { signedIn: boolean; name: string; csrf: string };
      assert.equal(body.signedIn, true);
      assert.equal(body.name, 'Nadia');
      assert.match(body.csrf, /^[A-Za-z0-9_-]{32}$/);
      // The link is used now.
      const again = await deskClient(t).postForm(link, {});
      assert.equal(again.status, 410);
      assert.match(await again.text(), /already used/);
    });

    test('the same answer whether the address has an account or not', async () => {
      const ask = async (email: string) => {
        const res = await deskClient(t).postForm('/account/sign-in', { email });
        return { status: res.status, body: (await res.text()).replaceAll(email, 'EMAIL') };
      };
      const known = await ask('new@reader.test');
      const unknown = await ask('nobody@reader.test');
      assert.equal(known.status, 200);
      assert.deepEqual(known, unknown);
    });

    test('a bad address re-renders the form with a 400 in the edition’s words', async () => {
      const res = await deskClient(t).postForm('/account/sign-in', { email: 'not an address' });
      assert.equal(res.status, 400);
      const html = await res.text();
      assert.match(html, /Please enter a valid email address/);
      assert.match(html, /value="not an address"/);
    });

    test('/account needs a reader: a GET goes to sign-in with next, a POST is 401', async () => {
      const c = deskClient(t);
      const res = await c.get('/account');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account/sign-in?next=%2Faccount');
      assert.equal((await c.postForm('/account/profile', { name: 'x' })).status, 401);
      assert.deepEqual(await (await c.get('/account/state.json')).json(), { signedIn: false });
    });

    test('the account page: name and comment name, newsletters, data download, sign out everywhere', async () => {
      const c = await signedInReader(t, 'acct@reader.test');
      const page = await (await c.get('/account')).text();
      assert.match(page, /You sign in with acct@reader\.test/);
      assert.equal((await c.postForm('/account/profile', { name: 'Ann  Reader', comment_name: 'Ann R.' })).status, 303);
      const reader = (await findReaderByEmail(t.deps.db, 'acct@reader.test'))!;
      assert.equal(reader.name, 'Ann  Reader');
      assert.equal(reader.comment_name, 'Ann R.');
      assert.equal(
        (await c.postForm('/account/newsletters', { newsletter: [String(nl.a), String(nl.hidden)] })).status,
        303,
      );
      const subs = async () =>
        (
          await t.deps.db
            .selectFrom('newsletter_subscriptions')
            .selectAll()
            .where('reader_id', '=', reader.id)
            .orderBy('newsletter_id')
            .execute()
        ).map((s) => [s.newsletter_id, s.status]);
      assert.deepEqual(await subs(), [[nl.a, 'subscribed']], 'a newsletter not offered is not subscribed');
      await c.postForm('/account/newsletters', { newsletter: [String(nl.b)] });
      assert.deepEqual(await subs(), [
        [nl.a, 'unsubscribed'],
        [nl.b, 'subscribed'],
      ]);
      const data = await c.get('/account/data.json');
      assert.equal(data.headers.get('cache-control'), 'private, no-store');
      assert.match(data.headers.get('content-disposition') ?? '', /attachment/);
      const json = (await data.json()) as { account: { email: string }; newsletters: unknown[]; sessions: unknown[] };
      assert.equal(json.account.email, 'acct@reader.test');
      assert.equal(json.newsletters.length, 2);
      assert.ok(!JSON.stringify(json).includes('token'), 'no token of any kind in the export');
      // A second browser, then sign out everywhere ends both.
      const other = await signedInReader(t, 'acct@reader.test');
      assert.match(await (await other.get('/account')).text(), /signed in on 2 devices/);
      assert.equal((await c.postForm('/account/sign-out-everywhere', {})).status, 303);
      assert.equal((await other.get('/account')).status, 303);
      assert.equal((await c.get('/account')).status, 303);
    });

    test('email change is confirmed on the new address', async () => {
      const c = await signedInReader(t, 'old@reader.test');
      const sent = await c.postForm('/account/email', { email: 'Fresh@Reader.test' });
      assert.equal(sent.status, 200);
      assert.match(await sent.text(), /We sent a link to fresh@reader\.test/);
      const id = (await findReaderByEmail(t.deps.db, 'old@reader.test'))!.id;
      const link = await latestLinkPath(t, 'fresh@reader.test');
      assert.equal((await findReaderById(t.deps.db, id))?.email, 'old@reader.test', 'unchanged until followed');
      const done = await c.postForm(link, {});
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/account?changed=1');
      assert.equal((await findReaderById(t.deps.db, id))?.email, 'fresh@reader.test');
    });

    test('an email change to an address another account took meanwhile says so and changes nothing', async () => {
      const c = await signedInReader(t, 'mover@reader.test');
      await c.postForm('/account/email', { email: 'wanted@reader.test' });
      const link = await latestLinkPath(t, 'wanted@reader.test');
      await signedInReader(t, 'wanted@reader.test');
      const res = await c.postForm(link, {});
      assert.equal(res.status, 409);
      assert.match(await res.text(), /already in use/);
      assert.ok(await findReaderByEmail(t.deps.db, 'mover@reader.test'), 'the mover keeps their address');
    });

    test('delete my account: personal data erased, comments kept as a former reader (setting keep) or deleted', async () => {
      const section = await makeSection(t.deps, { name: 'City' });
      const story = await makeStory(t.deps, { sectionId: section.id });
      for (const mode of ['keep', 'delete'] as const) {
        await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), eraseComments: mode }, 'test');
        const email = `leaver-${mode}@reader.test`;
        const c = await signedInReader(t, email);
        const reader = (await findReaderByEmail(t.deps.db, email))!;
        const now = Date.now();
        await t.deps.db
          .insertInto('comments')
          .values({
            story_id: story.id,
            reader_id: reader.id,
            parent_id: null,
            body: `by ${mode}`,
            status: 'approved',
            created_at: now,
            updated_at: now,
          })
          .execute();
        assert.match(
          await (await c.get('/account/delete')).text(),
          mode === 'keep' ? /a former reader/ : /deleted too/,
        );
        assert.equal((await c.postForm('/account/delete', {})).status, 400, 'the box must be ticked');
        const gone = await c.postForm('/account/delete', { confirm: 'yes' });
        assert.equal(gone.status, 200);
        assert.match(await gone.text(), /Your account is deleted/);
        const row = (await findReaderById(t.deps.db, reader.id))!;
        assert.ok(row.deleted_at);
        assert.equal(row.name, '');
        assert.doesNotMatch(row.email, /leaver/);
        assert.equal(await findReaderByEmail(t.deps.db, email), undefined);
        const left = await t.deps.db.selectFrom('comments').selectAll().where('body', '=', `by ${mode}`).execute();
        if (mode === 'keep')
          assert.deepEqual(
            left.map((x) => x.reader_id),
            [null],
          );
        else assert.equal(left.length, 0);
        const outbox = await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute();
        assert.equal(outbox.length, 0, 'mail to the address is erased too');
        assert.equal((await c.get('/account')).status, 303, 'signed out');
        // The address can sign up again, as a new account.
        const again = await signedInReader(t, email);
        assert.notEqual((await findReaderByEmail(t.deps.db, email))!.id, reader.id);
        await again.postForm('/account/sign-out', {});
      }
    });

    test('per edition: /uk/account pages are in Ukrainian and links keep the edition', async () => {
      await updateSettings(
        t.deps,
        {
          ...(await getSettings(t.deps.db)),
          editions: [
            { code: 'en', locale: 'en', name: 'English', prefix: '' },
            { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' },
          ],
        },
        'test',
      );
      const form = await (await deskClient(t).get('/uk/account/sign-in')).text();
      assert.match(form, /<html lang="uk"/);
      assert.match(form, /action="\/uk\/account\/sign-in"/);
      assert.match(form, /Надіслати посилання/);
      const c = await signedInReader(t, 'ukr@reader.test', { prefix: '/uk' });
      const mail = await t.deps.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('to_address', '=', 'ukr@reader.test')
        .executeTakeFirstOrThrow();
      assert.match(mail.subject, /Підтвердьте/);
      assert.match(mail.text, /http:\/\/news\.test\/uk\/account\/link\//);
      assert.match(mail.text, /хвилин/);
      const page = await (await c.get('/uk/account')).text();
      assert.match(page, /Ваш обліковий запис/);
      assert.match(page, /Ви ввійшли на 1 пристрої/);
      assert.equal((await c.get('/uk/account')).status, 200);
      const badList = await c.postForm('/uk/account/newsletters', { newsletter: ['x'] });
      assert.equal(badList.status, 400);
      assert.match(await badList.text(), /Поле «0» має неправильний формат\./, 'refused in the edition’s words');
      const badEmail = await deskClient(t).postForm('/uk/account/sign-up', { email: 'not an address' });
      assert.equal(badEmail.status, 400);
      assert.match(await badEmail.text(), /Введіть правильну адресу електронної пошти, наприклад name@example\.org\./);
      const out = await c.postForm('/uk/account/sign-out', {});
      assert.equal(out.headers.get('location'), '/uk/account/sign-in?out=1');
    });
  });
}
