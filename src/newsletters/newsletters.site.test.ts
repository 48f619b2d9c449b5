import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient } from '../../test/support/desk.js';
import { withEditions } from '../../test/support/editions.js';
import { makeStory } from '../../test/support/factories.js';
import { makeNewsletter, makeSubscribers } from '../../test/support/newsletters.js';
import { latestLinkPath } from '../../test/support/reader.js';
import { storyUrl } from '../stories/story.url.js';
import { findReaderByEmail } from '../readers/reader.repo.js';
import { unsubscribeToken } from './newsletter.links.js';
import type { NewsletterView } from './newsletter.service.js';
import { signingKey } from './newsletter.settings.js';
import { SIGN_UP_LIMIT } from './signup.service.js';
import { isSubscribed } from './subscription.repo.js';

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
};

for (const dialect of DIALECTS) {
  describe(`newsletter sign-up and unsubscribe on the site (${dialect})`, () => {
    let t: TestApp;
    let morning: NewsletterView;
    let alerts: NewsletterView;
    let ukOnly: NewsletterView;
    let ip = 0;
    /** A post from a browser on the site (its Origin), each from its own network unless told. */
    const post = (path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
      t.request(path, {
        method: 'POST',
        body: form(fields),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://news.test',
          'x-forwarded-for': `10.0.0.${++ip}`,
          ...headers,
        },
      });

    before(async () => {
      t = await createTestApp(dialect, { env: { TRUST_PROXY: '1' } });
      await withEditions(t.deps);
      morning = await makeNewsletter(t.deps, { name: 'Morning Briefing', digestHour: 7, defaultOn: true });
      alerts = await makeNewsletter(t.deps, { name: 'Breaking <alerts>', description: 'Only when it matters.' });
      await makeNewsletter(t.deps, { name: 'Hidden list', visible: false });
      ukOnly = await makeNewsletter(t.deps, { name: 'Ранковий огляд', language: 'uk' });
    });
    after(() => t.close());

    test('/newsletters lists the visible lists of the edition with what each is, and says nothing is tracked', async () => {
      const page = await getSettled(t, '/newsletters');
      assert.equal(page.status, 200);
      assert.match(page.body, /Morning Briefing/);
      assert.match(page.body, /Breaking &lt;alerts&gt;/);
      assert.match(page.body, /Only when it matters\./);
      assert.match(page.body, /Every day at 07:00/);
      assert.doesNotMatch(page.body, /Hidden list/);
      assert.doesNotMatch(page.body, /Ранковий огляд/, 'the Ukrainian list is in the Ukrainian edition');
      assert.match(page.body, /No tracking: we do not count/);
      assert.match(page.body, new RegExp(`value="${morning.id}" checked`), 'on by default');
      assert.match(page.body, /class="hp" aria-hidden="true"/);
      assert.equal((await getSettled(t, '/newsletters')).cache, 'HIT', 'the same page for everyone');
      const uk = await getSettled(t, '/uk/newsletters');
      assert.match(uk.body, /Розсилки/);
      assert.match(uk.body, /Ранковий огляд/);
      assert.match(uk.body, /action="\/uk\/newsletters\/sign-up"/);
    });

    test('a form under each story and in the footer of other pages', async () => {
      const story = await makeStory(t.deps, { headline: 'Forms under stories' });
      const page = await (await t.request(storyUrl(story.slug))).text();
      assert.match(page, /class="signup signup-story"/);
      assert.match(page, new RegExp(`name="from" value="${storyUrl(story.slug)}"`));
      assert.doesNotMatch(page, /signup-footer/, 'one form on a story page');
      assert.match(await (await t.request('/')).text(), /class="signup signup-footer"/);
    });

    test('signing up without JS mails a link; following it confirms the address and subscribes to the lists chosen', async () => {
      const story = await makeStory(t.deps, { headline: 'Where the reader signed up' });
      const res = await post('/newsletters/sign-up', {
        email: 'Nina@Example.org',
        newsletters: [String(alerts.id)],
        source: 'story',
        from: storyUrl(story.slug),
        website: '',
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      const body = await res.text();
      assert.match(body, /we sent a link to nina@example\.org/);
      assert.match(body, /You chose 1 newsletter\./);
      const reader = (await findReaderByEmail(t.deps.db, 'nina@example.org'))!;
      assert.equal(reader.source, 'story');
      assert.equal(reader.source_detail, storyUrl(story.slug));
      assert.equal(reader.confirmed_at, null, 'not yet: double opt-in');
      assert.equal(await isSubscribed(t.deps.db, reader.id, alerts.id), false);
      const c = deskClient(t);
      const link = await latestLinkPath(t, 'nina@example.org');
      const done = await c.postForm(link, {});
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), storyUrl(story.slug), 'back to the story');
      assert.equal(await isSubscribed(t.deps.db, reader.id, alerts.id), true);
      assert.equal(await isSubscribed(t.deps.db, reader.id, morning.id), false, 'only what was ticked');
    });

    test('with JS the form gets its answer as JSON, in the page’s language', async () => {
      const res = await post(
        '/uk/newsletters/sign-up',
        { email: 'olena@example.org', newsletters: [String(ukOnly.id), String(morning.id)], source: 'footer' },
        { accept: 'application/json' },
      );
      assert.equal(res.status, 200);
      const answer = (await res.json()) as { ok: boolean; message: string };
      assert.equal(answer.ok, true);
      assert.match(answer.message, /Ми надіслали посилання на olena@example\.org/i);
      assert.match(answer.message, /Ви обрали 2 розсилки\./);
      const bad = await post(
        '/uk/newsletters/sign-up',
        { email: 'not an address', newsletters: [String(ukOnly.id)] },
        { accept: 'application/json' },
      );
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { message: string }).message, /Введіть правильну адресу електронної пошти/);
      const none = await post('/newsletters/sign-up', { email: 'x@example.org' }, { accept: 'application/json' });
      assert.equal(none.status, 400);
      assert.match(((await none.json()) as { message: string }).message, /Choose at least one newsletter/);
      const elsewhere = await post(
        '/newsletters/sign-up',
        { email: 'y@example.org', newsletters: [String(ukOnly.id)] },
        { accept: 'application/json' },
      );
      assert.equal(elsewhere.status, 400, 'a list the edition does not offer');
    });

    test('a filled honeypot gets the same answer and nothing happens; a flood from one network is stopped', async () => {
      const res = await post('/newsletters/sign-up', {
        email: 'bot@example.org',
        newsletters: [String(morning.id)],
        website: 'http://spam.example',
      });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /we sent a link to bot@example\.org/);
      assert.equal(await findReaderByEmail(t.deps.db, 'bot@example.org'), undefined, 'no account, no mail');
      const from = { 'x-forwarded-for': '192.0.2.77' };
      for (let i = 0; i < SIGN_UP_LIMIT.limit; i++)
        assert.equal(
          (
            await post(
              '/newsletters/sign-up',
              { email: `flood${i}@example.org`, newsletters: [String(morning.id)] },
              from,
            )
          ).status,
          200,
        );
      const stopped = await post(
        '/newsletters/sign-up',
        { email: 'flood-last@example.org', newsletters: [String(morning.id)] },
        from,
      );
      assert.equal(stopped.status, 429);
      assert.ok(Number(stopped.headers.get('retry-after')) > 0);
      assert.match(await stopped.text(), /Too many sign-ups from here/);
      assert.equal(await findReaderByEmail(t.deps.db, 'flood-last@example.org'), undefined);
    });

    test('a post from another site is refused', async () => {
      const res = await post(
        '/newsletters/sign-up',
        { email: 'z@example.org', newsletters: [String(morning.id)] },
        { origin: 'https://evil.example' },
      );
      assert.equal(res.status, 403);
    });

    test('the embeddable form may be framed by other sites and posts back to this one', async () => {
      const res = await t.request(`/newsletters/embed?lists=${alerts.slug}`, {
        headers: { referer: 'https://partner.example/page?x=1' },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
      assert.equal(res.headers.get('x-frame-options'), null);
      const body = await res.text();
      assert.match(body, /Breaking &lt;alerts&gt;/);
      assert.doesNotMatch(body, /Morning Briefing/, 'only the lists asked for');
      assert.match(body, /name="from" value="https:\/\/partner\.example"/);
      assert.match(body, /action="\/newsletters\/sign-up"/);
      // The rest of the site keeps refusing to be framed.
      assert.equal((await t.request('/newsletters')).headers.get('x-frame-options'), 'SAMEORIGIN');
      const signed = await post(
        '/newsletters/sign-up',
        {
          email: 'partner-reader@example.org',
          newsletters: [String(alerts.id)],
          source: 'embed',
          from: 'https://partner.example',
        },
        { 'sec-fetch-site': 'same-origin' },
      );
      assert.equal(signed.status, 200);
      assert.match(await signed.text(), /<body class="embed">/);
      const reader = (await findReaderByEmail(t.deps.db, 'partner-reader@example.org'))!;
      assert.equal(reader.source, 'embed');
    });

    test('one-click unsubscribe: a plain POST to the signed link, no sign-in; the other lists stay', async () => {
      const [readerId] = await makeSubscribers(t.deps.db, morning.id, 1, { prefix: 'leaver' });
      await t.deps.db
        .insertInto('newsletter_subscriptions')
        .values({
          reader_id: readerId!,
          newsletter_id: alerts.id,
          status: 'subscribed',
          source: 'test',
          created_at: 1,
          updated_at: 1,
        })
        .execute();
      const token = unsubscribeToken(await signingKey(t.deps.db), readerId!, morning.id);
      const confirm = await t.request(`/newsletters/unsubscribe/${token}`);
      assert.equal(confirm.status, 200);
      assert.equal(confirm.headers.get('referrer-policy'), 'no-referrer');
      const page = await confirm.text();
      assert.match(page, /Stop sending Morning Briefing to leaver0@example\.org\?/);
      assert.match(page, /<form method="post" action="\/newsletters\/unsubscribe\/[^"]+"><button/);
      assert.equal(await isSubscribed(t.deps.db, readerId!, morning.id), true, 'opening the link changes nothing');
      // What a mail client's button sends (RFC 8058): no cookie, no Origin, this body.
      const oneClick = await t.request(`/newsletters/unsubscribe/${token}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(oneClick.status, 200);
      assert.match(await oneClick.text(), /Done: leaver0@example\.org will get no more Morning Briefing/);
      assert.equal(await isSubscribed(t.deps.db, readerId!, morning.id), false);
      assert.equal(await isSubscribed(t.deps.db, readerId!, alerts.id), true, 'the other list stays');
      assert.match(
        await (await t.request(`/newsletters/unsubscribe/${token}`)).text(),
        /is not subscribed to Morning Briefing/,
      );
      // A changed signature, another reader's id or another list's: not a link of ours.
      const [, r, n, sig] = /^(\d+)-(\d+)-(.+)$/.exec(token) as unknown as [string, string, string, string];
      for (const forged of [
        `${r}-${n}-${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
        `${Number(r) + 1}-${n}-${sig}`,
        `${r}-${alerts.id}-${sig}`,
        'garbage',
      ]) {
        const res = await t.request(`/newsletters/unsubscribe/${forged}`, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(res.status, 404, forged);
      }
      assert.equal(await isSubscribed(t.deps.db, readerId!, alerts.id), true);
      // Changed their mind: subscribe again from the same page.
      const back = await post(`/newsletters/resubscribe/${token}`, {});
      assert.equal(back.status, 200);
      assert.equal(await isSubscribed(t.deps.db, readerId!, morning.id), true);
    });
  });
}
