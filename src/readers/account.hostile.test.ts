import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { countingQueries } from '../../test/support/query-count.js';
import { deskClient, signedIn } from '../../test/support/desk.js';
import { signedInReader } from '../../test/support/reader.js';
import { XSS_CORPUS } from '../../test/support/xss-corpus.js';
import { escapeHtml } from '../lib/html-escape.js';
import { READER_LIMITS } from './rate-limit.js';
import { READER_BODY_LIMIT } from './reader-csrf.js';
import { findOrCreateReader } from './reader.service.js';
import { requestSignInLink } from './sign-in.service.js';

const CORPUS = XSS_CORPUS.filter((x) => !x.includes('\u0000'));
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
/** The raw payload must not be in the page where it carries markup; its escaped text must (when it was stored). */
const shownEscaped = (page: string, value: string, where: string) => {
  if (/[<>"'&]/.test(value)) assert.ok(!page.includes(value), `${where}: shown raw: ${value}`);
  assert.ok(page.includes(escapeHtml(value)), `${where}: shown escaped: ${value}`);
};

for (const dialect of DIALECTS) {
  describe(`hostile input and abuse on reader accounts (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('the XSS corpus as a reader’s name and comment name: stored as text, shown escaped on the account page and in the desk', async (c) => {
      const reader = await signedInReader(t, 'hostile@reader.test');
      let stored = 0;
      let refused = 0;
      for (const payload of CORPUS) {
        const name = payload.slice(0, 120);
        const res = await reader.postForm('/account/profile', { name, comment_name: payload.slice(-120) });
        assert.ok(res.status === 303 || (res.status >= 400 && res.status < 500), `${res.status} for ${payload}`);
        if (res.status !== 303) {
          refused++;
          continue;
        }
        stored++;
        const page = await (await reader.get('/account')).text();
        const row = await t.deps.db
          .selectFrom('readers')
          .select(['name', 'comment_name'])
          .where('email', '=', 'hostile@reader.test')
          .executeTakeFirstOrThrow();
        if (row.name) shownEscaped(page, row.name, 'account name');
        if (row.comment_name) shownEscaped(page, row.comment_name, 'comment name');
        const state = (await (await reader.get('/account/state.json')).json()) as { name: string };
        assert.equal(state.name, row.comment_name || row.name, 'JSON carries the text as it is');
      }
      assert.ok(stored > CORPUS.length * 0.9, `stored ${stored} of ${CORPUS.length}`);
      // A NUL is refused at the input layer with a 400 that says so.
      const nul = await reader.postForm('/account/profile', { name: 'a\u0000b', comment_name: '' });
      assert.equal(nul.status, 400);
      c.diagnostic(`hostile figures: reader names (${dialect}): ${stored} stored as text, ${refused} refused, 0 raw`);
    });

    test('the corpus as the sign-up form’s name, email and next: refused or kept as text; next never leaves the site', async (c) => {
      let i = 0;
      let accepted = 0;
      const owner = await signedIn(t, 'owner');
      for (const payload of CORPUS) {
        const client = deskClient(t, from(`203.0.113.${(i++ % 250) + 1}`));
        const email = `x${i}@corpus.test`;
        const res = await client.postForm('/account/sign-up', {
          email,
          name: payload.slice(0, 120),
          next: payload.slice(0, 500),
        });
        assert.equal(res.status, 200, `sign-up with a hostile name: ${res.status}`);
        const asEmail = await client.postForm('/account/sign-in', { email: payload.slice(0, 254) });
        assert.ok(asEmail.status === 200 || asEmail.status === 400, `${asEmail.status} for ${payload}`);
        const page = await asEmail.text();
        if (/[<>"]/.test(payload)) assert.ok(!page.includes(payload.slice(0, 254)), `email shown raw: ${payload}`);
        if (asEmail.status === 200) accepted++;
        // The link the sign-up mailed goes to a path of this site only (once its job has sent it).
        await t.jobs.settled();
        const [mail] = await t.deps.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).execute();
        const link = /\/account\/link\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0];
        const done = await client.postForm(link, {});
        assert.equal(done.status, 303);
        const to = done.headers.get('location') ?? '';
        assert.ok(to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\'), `next went to ${to}`);
        assert.doesNotMatch(to, /[\s\u0000-\u001f]/);
      }
      // The desk's outbox shows the names and addresses escaped.
      const outbox = await (await owner.get('/desk/outbox')).text();
      assert.doesNotMatch(outbox, /<script>__xss/);
      const row = await t.deps.db
        .selectFrom('readers')
        .select('name')
        .where('email', '=', 'x1@corpus.test')
        .executeTakeFirstOrThrow();
      assert.equal(
        row.name,
        CORPUS[0]!
          .slice(0, 120)
          .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
          .trim(),
      );
      c.diagnostic(
        `hostile figures: sign-up fields (${dialect}): ${CORPUS.length} payloads × name/next/email; ${accepted} shaped like an address`,
      );
    });

    test('an oversized form is refused with a 413 before it is read', async () => {
      const res = await deskClient(t, from('192.0.2.250')).postForm('/account/sign-in', {
        email: 'big@reader.test',
        name: 'x'.repeat(READER_BODY_LIMIT + 1),
      });
      assert.equal(res.status, 413);
      assert.match(await res.text(), /larger than we accept/);
      await t.jobs.settled();
      const mail = await t.deps.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', 'big@reader.test')
        .execute();
      assert.equal(mail.length, 0);
    });

    test('floods: per address, then per network, refused with a clear 429 page and Retry-After; others unaffected', async () => {
      // One address from many networks.
      const victim = 'victim@reader.test';
      for (let i = 0; i < READER_LIMITS.signInPerEmail.limit; i++)
        assert.equal(
          (await deskClient(t, from(`192.0.2.${i + 1}`)).postForm('/account/sign-in', { email: victim })).status,
          200,
        );
      const limited = await deskClient(t, from('192.0.2.99')).postForm('/account/sign-in', { email: victim });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), String(READER_LIMITS.signInPerEmail.windowMs / 1000));
      assert.match(await limited.text(), /Several links were sent to this address in the last hour/);
      await t.jobs.settled();
      const sent = await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', victim).execute();
      assert.equal(sent.length, READER_LIMITS.signInPerEmail.limit, 'the inbox got no more than the limit');
      // An unknown address is limited the same way, with the same page: the limit tells nothing either.
      for (let i = 0; i < READER_LIMITS.signInPerEmail.limit; i++)
        await deskClient(t, from(`192.0.2.${i + 101}`)).postForm('/account/sign-in', {
          email: `ghost${0}@reader.test`,
        });
      const ghost = await deskClient(t, from('192.0.2.200')).postForm('/account/sign-in', {
        email: 'ghost0@reader.test',
      });
      assert.equal(ghost.status, 429);
      // Many addresses from one network.
      const bot = deskClient(t, from('198.18.0.1'));
      let ok = 0;
      for (let i = 0; i < READER_LIMITS.signInPerIp.limit + 3; i++) {
        const res = await bot.postForm('/account/sign-in', { email: `spray${i}@reader.test` });
        if (res.status === 200) ok++;
        else {
          assert.equal(res.status, 429);
          assert.match(await res.text(), /from your network/);
        }
      }
      assert.equal(ok, READER_LIMITS.signInPerIp.limit);
      assert.equal(
        (await deskClient(t, from('198.18.0.2')).postForm('/account/sign-in', { email: 'neighbour@reader.test' }))
          .status,
        200,
        'another network is not affected',
      );
    });

    test('enumeration by timing: a known and an unknown address cost the request the same work', async (c) => {
      // Asserted on the work (the same queries, in the same order, on the same tables; no mail rendered or sent in
      // the request), which is what makes the time the same; the times themselves are a figure, not a test, on a
      // shared machine.
      const counted = countingQueries(t.deps);
      const known = Array.from({ length: 20 }, (_, i) => `known${i}@reader.test`);
      for (const email of known) await findOrCreateReader(t.deps, { email, language: 'en', source: 'test' });
      const ask = async (email: string, ip: string) => {
        counted.reset();
        const started = performance.now();
        const out = await requestSignInLink(counted.deps, { email, language: 'en', source: 'account', ip });
        const ms = performance.now() - started;
        assert.equal(out.outcome, 'sent');
        const shapes = counted.shapes();
        assert.ok(!shapes.some((q) => q.includes('mail_outbox')), 'no mail is rendered or kept inside the request');
        // A known reader's row is rewritten where an unknown one's is inserted: one row written either way.
        return {
          ms,
          shapes: shapes.map((q) => q.replace(/^(Insert|Update)QueryNode readers$/, 'one row written: readers')),
        };
      };
      await ask('warm@reader.test', '100.64.0.1');
      await ask(known[0]!, '100.64.0.2');
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 1; i < known.length; i++) {
        const k = await ask(known[i]!, `100.64.1.${i}`);
        const u = await ask(`unknown${i}@reader.test`, `100.64.2.${i}`);
        assert.deepEqual(u.shapes, k.shapes, 'an unknown address runs the queries a known one does');
        a.push(k.ms);
        b.push(u.ms);
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      c.diagnostic(
        `figures: requestSignInLink median (${dialect}): known ${median(a).toFixed(2)} ms, ` +
          `unknown ${median(b).toFixed(2)} ms`,
      );
    });
  });
}
