import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { subscribe } from '../../test/support/members.js';
import { makeNewsletter } from '../../test/support/newsletters.js';
import { makeReader } from '../../test/support/factories.js';
import type { NewsletterView } from '../newsletters/newsletter.service.js';
import { AppError } from '../http/errors.js';
import { formatReport } from '../transfer/import.report.js';
import { importMembers } from './members-import.service.js';

const NOW = Date.UTC(2026, 2, 1, 12);
const fixture = (name: string) => readFileSync(`test/fixtures/members/${name}`, 'utf8');

/** Everything a members import can touch, as text: equal texts mean nothing changed. */
async function snapshot(env: TestEnv): Promise<string> {
  const db = env.deps.db;
  return JSON.stringify([
    await db.selectFrom('readers').selectAll().orderBy('id').execute(),
    await db.selectFrom('newsletter_subscriptions').selectAll().orderBy('reader_id').orderBy('newsletter_id').execute(),
    await db.selectFrom('import_map').selectAll().orderBy('source').orderBy('source_id').execute(),
  ]);
}

for (const dialect of DIALECTS) {
  describe(`members import from Ghost and Mailchimp (${dialect})`, () => {
    let env: TestEnv;
    let briefing: NewsletterView;
    let weekly: NewsletterView;
    before(async () => {
      env = await createTestEnv(dialect, {}, { clock: () => NOW });
      briefing = await makeNewsletter(env.deps, { name: 'Morning briefing', slug: 'briefing' });
      weekly = await makeNewsletter(env.deps, { name: 'Weekly long read', slug: 'weekly', language: 'uk' });
    });
    after(() => env.close());

    const reader = (email: string) =>
      env.deps.db.selectFrom('readers').selectAll().where('email', '=', email).executeTakeFirst();
    const choice = (readerId: number, newsletterId: number) =>
      env.deps.db
        .selectFrom('newsletter_subscriptions')
        .selectAll()
        .where('reader_id', '=', readerId)
        .where('newsletter_id', '=', newsletterId)
        .executeTakeFirst();

    test('a Ghost members export: readers and their choice for the newsletter, the rest reported', async () => {
      // Already a reader here, who left the briefing: the import keeps their account and their choice.
      const known = await makeReader(env.deps, {
        email: 'ivan.p@example.com',
        name: 'Ivan P.',
        confirmed_at: null,
        source: 'story',
        created_at: NOW - 1000,
      });
      await subscribe(env.deps, known.id, briefing.id, 'unsubscribed', NOW - 500);
      const heard: string[] = [];
      const stop = env.deps.events.subscribe((e) => void heard.push(`${e.type} ${e.id} ${e.actor}`));
      const report = await importMembers(env.deps, fixture('ghost-members.csv'), {
        newsletterId: briefing.id,
        fileName: 'ghost-members.csv',
      });
      stop();
      assert.deepEqual(heard, ['readers.imported 0 import:ghost'], 'one event for the whole import');
      assert.equal(report.source, 'ghost members');
      assert.deepEqual(report.imported, { member: 3, subscription: 3 });
      assert.deepEqual(report.skipped.member, {
        'not a valid email address': 1,
        'deleted in Ghost': 1,
        'the same address again in the file': 1,
      });
      assert.deepEqual(report.skipped['column "note"'], { 'Broadsheet keeps no private notes on members': 2 });
      assert.deepEqual(report.skipped['column "labels"'], { 'Broadsheet has no member labels': 3 });
      assert.deepEqual(report.skipped['column "tiers"'], { 'paid memberships are not in Broadsheet yet': 1 });
      assert.deepEqual(report.skipped['column "complimentary_plan"'], {
        'paid memberships are not in Broadsheet yet': 1,
      });
      assert.deepEqual(report.skipped['column "stripe_customer_id"'], {
        'paid memberships are not in Broadsheet yet': 1,
      });
      assert.deepEqual(report.adapted.member, { 'already a reader here: kept as they are': 1 });

      const marta = (await reader('marta.koval@example.org'))!;
      assert.equal(marta.name, 'Marta Koval', 'the first row of an address wins');
      assert.equal(marta.created_at, Date.parse('2023-02-11T08:15:00.000Z'));
      assert.equal(marta.confirmed_at, marta.created_at, 'subscribed to emails in Ghost: opted in');
      assert.equal(marta.source, 'import:ghost');
      assert.equal(marta.source_detail, 'ghost-members.csv');
      assert.equal(marta.language, 'en', 'the primary edition’s language');
      assert.equal((await choice(marta.id, briefing.id))?.status, 'subscribed');
      const dmytro = (await reader('dmytro.bondar@example.org'))!;
      assert.ok(dmytro, 'addresses are lower-cased');
      assert.equal(dmytro.confirmed_at, null, 'not subscribed to emails: no opt-in, not confirmed');
      assert.equal((await choice(dmytro.id, briefing.id))?.status, 'unsubscribed');
      assert.equal(await reader('gone@example.net'), undefined);
      const ivan = (await reader('ivan.p@example.com'))!;
      assert.deepEqual(
        { name: ivan.name, confirmed: ivan.confirmed_at, source: ivan.source },
        { name: 'Ivan P.', confirmed: null, source: 'story' },
        'the reader here is kept as they are',
      );
      assert.equal((await choice(ivan.id, briefing.id))?.status, 'unsubscribed', 'who left here stays out');
      const text = formatReport(report);
      assert.match(text, /^Import from ghost members finished in/);
      assert.match(text, /^ {2}member: 3$/m);
      assert.match(text, /^ {2}column "labels": 3 × Broadsheet has no member labels$/m);
      assert.doesNotMatch(text, /redirects|images pending/, 'a members import has neither');
    });

    test('importing the same file twice changes nothing', async () => {
      const before = await snapshot(env);
      const heard: string[] = [];
      const stop = env.deps.events.subscribe((e) => void heard.push(e.type));
      const report = await importMembers(env.deps, fixture('ghost-members.csv'), { newsletterId: briefing.id });
      stop();
      assert.deepEqual(heard, [], 'nothing changed, nothing said');
      assert.deepEqual(report.imported, {});
      assert.equal(report.skipped.member?.['already imported'], 4);
      assert.equal(await snapshot(env), before);
      assert.match(formatReport(report), /nothing new/);
    });

    test('a Mailchimp audience: subscribed, unsubscribed and cleaned files; confirmed only where it says so', async () => {
      const subscribed = await importMembers(env.deps, fixture('mailchimp-subscribed.csv'), {
        newsletterId: weekly.id,
      });
      assert.equal(subscribed.source, 'mailchimp members');
      assert.deepEqual(subscribed.imported, { member: 3, subscription: 3 });
      assert.deepEqual(subscribed.skipped.member, { 'not a valid email address': 1 });
      assert.deepEqual(subscribed.skipped['column "MEMBER_RATING"'], { 'Broadsheet keeps no engagement ratings': 4 });
      assert.deepEqual(subscribed.skipped['column "TAGS"'], { 'Broadsheet has no member tags': 1 });
      assert.deepEqual(subscribed.skipped['column "OPTIN_IP"'], { 'sign-up IP addresses are not kept': 1 });
      assert.deepEqual(subscribed.adapted.subscription, {
        'subscribed without an opt-in the source records: not confirmed here': 1,
      });
      const anna = (await reader('anna.lys@example.org'))!;
      assert.equal(anna.name, 'Anna Lys');
      assert.equal(anna.created_at, Date.UTC(2022, 8, 1, 7, 30), 'OPTIN_TIME, read as UTC');
      assert.equal(anna.confirmed_at, Date.UTC(2022, 8, 1, 7, 34, 10), 'CONFIRM_TIME');
      assert.equal(anna.language, 'uk', 'the newsletter’s language');
      const plus = (await reader('plus+tag@example.org'))!;
      assert.equal(plus.confirmed_at, null, 'no CONFIRM_TIME: not confirmed');
      assert.equal(plus.name, "=cmd|' /C calc'!A0 @SUM(1+1)", 'stored as typed; the export defuses it');
      assert.equal((await choice(plus.id, weekly.id))?.status, 'subscribed');

      const left = await importMembers(env.deps, fixture('mailchimp-unsubscribed.csv'), { newsletterId: weekly.id });
      assert.deepEqual(left.imported, { member: 1, subscription: 1 });
      const taras = (await reader('taras.v@example.net'))!;
      const tarasChoice = (await choice(taras.id, weekly.id))!;
      assert.equal(tarasChoice.status, 'unsubscribed');
      assert.equal(tarasChoice.updated_at, Date.UTC(2023, 7, 30, 16, 45), 'UNSUB_TIME');
      assert.equal(taras.confirmed_at, Date.UTC(2021, 4, 5, 5, 10), 'they had confirmed before leaving');
      assert.deepEqual(left.skipped['column "UNSUB_REASON"'], { 'only the time of an unsubscribe is kept': 1 });

      const cleaned = await importMembers(env.deps, fixture('mailchimp-cleaned.csv'), { newsletterId: weekly.id });
      assert.deepEqual(cleaned.imported, { member: 1, subscription: 1 });
      const old = (await reader('old.box@example.org'))!;
      assert.equal(old.bouncing_at, Date.UTC(2023, 2, 3, 3, 3, 3), 'CLEAN_TIME');
      assert.equal(old.bounce_reason, 'cleaned in Mailchimp');

      const before = await snapshot(env);
      for (const f of ['mailchimp-subscribed.csv', 'mailchimp-unsubscribed.csv', 'mailchimp-cleaned.csv'])
        assert.deepEqual((await importMembers(env.deps, fixture(f), { newsletterId: weekly.id })).imported, {});
      assert.equal(await snapshot(env), before, 'again: nothing changes');
    });

    test('a member already here gets the newsletter only when they had no choice for it', async () => {
      const here = await makeReader(env.deps, { email: 'here@example.org', name: 'Here Already' });
      const csv = [
        'id,email,name,subscribed_to_emails,created_at',
        '6500000000000000000000aa,HERE@example.org,Someone Else,true,2022-01-01T00:00:00.000Z',
      ].join('\n');
      const report = await importMembers(env.deps, csv, { newsletterId: briefing.id });
      assert.deepEqual(report.imported, { subscription: 1 });
      assert.deepEqual(report.adapted.member, {
        'already a reader here: account kept as it is, newsletter choice added': 1,
      });
      const after = (await reader('here@example.org'))!;
      assert.equal(after.name, 'Here Already');
      assert.equal((await choice(here.id, briefing.id))?.status, 'subscribed');
    });

    test('a reader who erased their account is not brought back by an import', async () => {
      await makeReader(env.deps, { email: 'erased@example.org', name: '', deleted_at: NOW - 10 });
      const csv = 'id,email,name,subscribed_to_emails,created_at\n65000000000000000000e1,erased@example.org,Back,true,';
      const report = await importMembers(env.deps, csv, { newsletterId: briefing.id });
      assert.deepEqual(report.imported, {});
      assert.deepEqual(report.skipped.member, { 'erased their account here: not brought back': 1 });
    });

    test('without a newsletter: readers only, and the choices are reported as left out', async () => {
      const csv = 'id,email,name,subscribed_to_emails,created_at\n65000000000000000000f1,solo@example.org,Solo,true,';
      const report = await importMembers(env.deps, csv, { newsletterId: null });
      assert.deepEqual(report.imported, { member: 1 });
      assert.deepEqual(report.skipped.subscription, { 'no newsletter chosen to import into': 1 });
      const solo = (await reader('solo@example.org'))!;
      assert.equal(solo.created_at, NOW, 'no sign-up time: the import’s');
    });

    test('times in the future, unreadable times and control characters are kept in another form and reported', async () => {
      const csv = [
        'id,email,name,subscribed_to_emails,created_at',
        '65000000000000000000c1,future@example.org,Future,true,2099-01-01T00:00:00.000Z',
        '65000000000000000000c2,garbled@example.org,"Gar\u0000bled\u0007",true,last tuesday',
      ].join('\n');
      const report = await importMembers(env.deps, csv, { newsletterId: briefing.id });
      assert.equal(report.adapted.member?.['sign-up time in the future, set to the import time'], 1);
      assert.equal(report.adapted.member?.['sign-up time could not be read: left out'], 1);
      assert.equal(report.adapted.member?.['control characters removed from the name'], 1);
      assert.equal((await reader('future@example.org'))!.created_at, NOW);
      assert.equal((await reader('garbled@example.org'))!.name, 'Garbled');
    });

    test('a file of neither kind, a wrong format, a broken CSV or an unknown newsletter is refused; nothing written', async () => {
      const before = await snapshot(env);
      const cases: [string, Parameters<typeof importMembers>[2], RegExp][] = [
        ['name,phone\nA,1', { newsletterId: null }, /neither a Ghost members export nor a Mailchimp audience export/],
        [fixture('ghost-members.csv'), { newsletterId: null, kind: 'mailchimp' }, /looks like a Ghost one/],
        ['"Email Address,First\n"x', { newsletterId: null }, /not valid CSV/],
        ['', { newsletterId: null }, /the file is empty/],
        [fixture('ghost-members.csv'), { newsletterId: 999_999 }, /Choose one of the newsletters/],
      ];
      for (const [text, opts, message] of cases)
        await assert.rejects(
          importMembers(env.deps, text, opts),
          (e: unknown) => e instanceof AppError && e.status < 500 && message.test(e.message),
          String(message),
        );
      assert.equal(await snapshot(env), before);
    });
  });
}
