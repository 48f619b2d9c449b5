import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeStory, makeReader } from '../../test/support/factories.js';
import { makeReaderComment, subscribe } from '../../test/support/members.js';
import { makeNewsletter } from '../../test/support/newsletters.js';
import type { Reader } from '../db/database.js';
import type { NewsletterView } from '../newsletters/newsletter.service.js';
import { BAD_CURSOR } from '../lib/cursor.js';
import { EXPORT_COLUMNS } from './members.csv.js';

const NOW = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;

/** The member ids a list page shows, in order. */
const idsOn = (html: string) => [...html.matchAll(/data-member-id="(\d+)"/g)].map((m) => Number(m[1]));
const nextLink = (html: string) => /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

for (const dialect of DIALECTS) {
  describe(`the desk's members (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let admin: DeskClient;
    let author: DeskClient;
    let briefing: NewsletterView;
    let alerts: NewsletterView;
    const r: Record<string, Reader> = {};

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      editor = await signedIn(t, 'editor');
      admin = await signedIn(t, 'admin');
      author = await signedIn(t, 'author');
      briefing = await makeNewsletter(t.deps, { name: 'Morning briefing' });
      alerts = await makeNewsletter(t.deps, { name: 'Breaking alerts' });
      // Four members, one of each status, on four days.
      r.active = await makeReader(t.deps, {
        email: 'olha.active@example.org',
        name: 'Olha Active',
        source: 'story',
        source_detail: '/stories/bridge-opens',
        created_at: NOW - 4 * DAY,
      });
      await subscribe(t.deps, r.active.id, briefing.id, 'subscribed', NOW - 4 * DAY);
      await subscribe(t.deps, r.active.id, alerts.id, 'unsubscribed', NOW - 3 * DAY);
      r.left = await makeReader(t.deps, {
        email: 'petro.left@example.org',
        name: 'Petro Left',
        source: 'footer',
        created_at: NOW - 3 * DAY,
      });
      await subscribe(t.deps, r.left.id, briefing.id, 'unsubscribed', NOW - 2 * DAY);
      r.bouncing = await makeReader(t.deps, {
        email: 'bounce@example.org',
        name: 'Bohdan Bounce',
        source: 'footer',
        bouncing_at: NOW - DAY,
        bounce_reason: '550 5.1.1 mailbox unknown',
        created_at: NOW - 2 * DAY,
      });
      await subscribe(t.deps, r.bouncing.id, briefing.id, 'subscribed', NOW - 2 * DAY);
      r.erased = await makeReader(t.deps, {
        email: 'erased-4@erased.invalid',
        name: '',
        source: 'embed',
        deleted_at: NOW - 1000,
        created_at: NOW - DAY,
      });
      const story = await makeStory(t.deps, { headline: 'The bridge opens' });
      await makeReaderComment(t.deps, story.id, r.active.id, 'Finally! Took them long enough.');
      await makeReaderComment(t.deps, story.id, r.active.id, 'Spam link here', 'spam');
      await t.deps.db
        .insertInto('import_map')
        .values({ source: 'ghost', kind: 'reader', source_id: 'gh-77', target_id: r.active.id, created_at: NOW - DAY })
        .execute();
      await t.deps.db
        .insertInto('moderation_actions')
        .values({
          comment_id: null,
          reader_id: r.active.id,
          user_id: editor.user!.id,
          action: 'ban',
          note: 'repeated spam',
          created_at: NOW - 500,
        })
        .execute();
      // A report Olha made of someone else's comment: the log names her, and no desk user.
      await t.deps.db
        .insertInto('moderation_actions')
        .values({
          comment_id: null,
          reader_id: r.active.id,
          user_id: null,
          action: 'report',
          note: 'off topic',
          created_at: NOW - 600,
        })
        .execute();
    });
    after(() => t.close());

    const list = async (query = '') => {
      const res = await editor.get(`/desk/members${query}`);
      assert.equal(res.status, 200, query);
      return res.text();
    };

    test('the list shows every member, newest sign-up first, with status and newsletters', async () => {
      const html = await list();
      assert.deepEqual(idsOn(html), [r.erased!.id, r.bouncing!.id, r.left!.id, r.active!.id]);
      assert.match(html, /4 members match\./);
      assert.match(html, new RegExp(`data-member-id="${r.active!.id}" data-status="active"`));
      assert.match(html, new RegExp(`data-member-id="${r.left!.id}" data-status="unsubscribed"`));
      assert.match(html, new RegExp(`data-member-id="${r.bouncing!.id}" data-status="bouncing"`));
      assert.match(html, new RegExp(`data-member-id="${r.erased!.id}" data-status="erased"`));
      assert.ok(!html.includes('erased-4@erased.invalid'), 'an erased member is "a former reader"');
      assert.match(html, /a former reader/);
      assert.match(html, /<td>Morning briefing<\/td>/);
      assert.match(html, /href="\/desk\/members"[^>]*>Members</, 'in the navigation');
    });

    test('filters: search, newsletter, status, source, sign-up dates, and their combinations', async () => {
      const ids = async (q: string) => idsOn(await list(q));
      assert.deepEqual(await ids('?q=OLHA'), [r.active!.id], 'by name, any case');
      assert.deepEqual(await ids('?q=petro.left%40'), [r.left!.id], 'by address');
      assert.deepEqual(await ids('?q=%25'), [], 'a % is a character, not a wildcard');
      for (const [status, who] of [
        ['active', 'active'],
        ['unsubscribed', 'left'],
        ['bouncing', 'bouncing'],
        ['erased', 'erased'],
      ] as const)
        assert.deepEqual(await ids(`?status=${status}`), [r[who]!.id], status);
      assert.deepEqual(await ids(`?newsletter=${briefing.id}`), [r.bouncing!.id, r.left!.id, r.active!.id]);
      assert.deepEqual(await ids(`?newsletter=${briefing.id}&status=active`), [r.active!.id]);
      assert.deepEqual(await ids(`?newsletter=${briefing.id}&status=unsubscribed`), [r.left!.id]);
      assert.deepEqual(
        await ids(`?newsletter=${alerts.id}&status=unsubscribed`),
        [r.active!.id],
        'left one newsletter of two: unsubscribed from that one, active overall',
      );
      assert.deepEqual(await ids('?source=footer'), [r.bouncing!.id, r.left!.id]);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      assert.deepEqual(await ids(`?from=${day(NOW - 3 * DAY)}&to=${day(NOW - 2 * DAY)}`), [r.bouncing!.id, r.left!.id]);
      assert.deepEqual(await ids(`?to=${day(NOW - 4 * DAY)}`), [r.active!.id], 'to: the whole day');
      const html = await list('?source=footer&status=bouncing');
      assert.match(html, /1 member matches\./);
      assert.match(html, /<option value="footer" selected="">the footer’s sign-up form<\/option>/);
    });

    test('malformed filters and cursors are one readable 400', async () => {
      for (const q of [
        '?status=vip',
        '?newsletter=abc',
        '?from=2026-13-45',
        '?from=yesterday',
        '?before=%3Cscript%3E',
        `?q=${'x'.repeat(201)}`,
        '?from=2026-03-05&to=2026-03-01',
      ]) {
        const res = await editor.get(`/desk/members${q}`);
        assert.equal(res.status, 400, q);
      }
      const res = await editor.request('/desk/members?before=AAAA', { headers: { accept: 'application/json' } });
      assert.equal((await res.json()).error.message, BAD_CURSOR);
    });

    test('keyset paging: 50 a page, then the rest, none twice, with the filters kept', async () => {
      const made: number[] = [];
      for (let i = 0; i < 57; i++)
        made.push(
          (await makeReader(t.deps, { source: 'newsletters', created_at: NOW - 10 * DAY - (i % 5) * 1000 })).id,
        );
      const first = await list('?source=newsletters');
      assert.equal(idsOn(first).length, 50);
      const next = nextLink(first)!;
      assert.match(next, /^\/desk\/members\?source=newsletters&before=[\w-]+$/);
      const second = await list(next.slice('/desk/members'.length));
      assert.equal(nextLink(second), undefined, 'the last page');
      const seen = [...idsOn(first), ...idsOn(second)];
      assert.equal(new Set(seen).size, 57);
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        [...made].sort((a, b) => a - b),
      );
      await t.deps.db.deleteFrom('readers').where('id', 'in', made).execute();
    });

    test('a member’s page: account, newsletters with their state, comments and history', async () => {
      const res = await editor.get(`/desk/members/${r.active!.id}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1 id="member-email">olha.active@example.org<\/h1>/);
      assert.match(html, new RegExp(`data-newsletter-id="${briefing.id}" data-status="subscribed">Morning briefing`));
      assert.match(html, new RegExp(`data-newsletter-id="${alerts.id}" data-status="unsubscribed">Breaking alerts`));
      assert.match(html, /2 comments; the latest:/);
      assert.match(html, /Finally! Took them long enough\./);
      assert.match(html, /href="\/desk\/stories\/\d+\/edit">The bridge opens</);
      const moderate = new RegExp(`href="/desk/comments\\?queue=approved&amp;reader=${r.active!.id}"`);
      assert.match(html, moderate, 'to the comments desk, narrowed to them');
      assert.equal((await editor.get(`/desk/comments?queue=approved&reader=${r.active!.id}`)).status, 200);
      const kinds = [...html.matchAll(/<li data-kind="([\w-]+)"/g)].map((m) => m[1]);
      assert.deepEqual(kinds, [
        'confirmed',
        'moderation',
        'reported',
        'imported',
        'unsubscribed',
        'subscribed',
        'subscribed',
        'signed-up',
      ]);
      assert.match(html, /Signed up through a story’s sign-up form \(\/stories\/bridge-opens\)/);
      assert.match(html, /Imported from ghost \(its id gh-77\)/);
      assert.match(html, /Unsubscribed from Breaking alerts/);
      assert.match(html, /Moderation: ban by Editor \d+ \(repeated spam\)/);
      assert.match(html, /Reported a comment: off topic/);
      const bouncing = await (await editor.get(`/desk/members/${r.bouncing!.id}`)).text();
      assert.match(bouncing, /Mail to this address bounces .*550 5.1.1 mailbox unknown/);
      const erased = await (await editor.get(`/desk/members/${r.erased!.id}`)).text();
      assert.match(erased, /This reader erased their account on/);
      assert.ok(!erased.includes('erased-4@erased.invalid'));
      assert.equal((await editor.get('/desk/members/999999')).status, 404);
      assert.equal((await editor.get('/desk/members/abc')).status, 404);
    });

    test('the CSV export: the filtered list, every page of it, streamed, with a header', async () => {
      const editorTry = await editor.get('/desk/members/export.csv');
      assert.equal(editorTry.status, 403, 'editors see members; only admins take them out');
      assert.ok(!(await list()).includes('export.csv'), 'and are not offered the link');
      const res = await admin.get(`/desk/members/export.csv?newsletter=${briefing.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition')!, /^attachment; filename="members-2026-03-10\.csv"$/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so spreadsheets read UTF-8');
      const text = bytes.toString('utf8');
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(rows[0]!), [...EXPORT_COLUMNS]);
      assert.deepEqual(
        rows.map((x) => [x.email, x.status, x.newsletters, x.unsubscribed_from]),
        [
          ['bounce@example.org', 'bouncing', 'Morning briefing', ''],
          ['petro.left@example.org', 'unsubscribed', '', 'Morning briefing'],
          ['olha.active@example.org', 'active', 'Morning briefing', 'Breaking alerts'],
        ],
      );
      assert.equal(rows[2]!.signed_up_at, new Date(NOW - 4 * DAY).toISOString());
      assert.equal(rows[2]!.source_detail, '/stories/bridge-opens');
      const page = await (await admin.get('/desk/members?status=active')).text();
      assert.match(page, /href="\/desk\/members\/export.csv\?status=active"/, 'the link carries the filters');
    });

    test('an export longer than one read is streamed whole, in order', async () => {
      const made: number[] = [];
      for (let i = 0; i < 1234; i += 200) {
        const rows = Array.from({ length: Math.min(200, 1234 - i) }, (_, k) => ({
          email: `bulk${i + k}@bulk.test`,
          name: `Bulk ${i + k}`,
          source: 'bulk',
          created_at: NOW - 100 * DAY + i + k,
          updated_at: NOW,
        }));
        const got = await t.deps.db.insertInto('readers').values(rows).returning('id').execute();
        made.push(...got.map((g) => g.id));
      }
      const text = await (await admin.get('/desk/members/export.csv?source=bulk')).text();
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 1234);
      assert.equal(rows[0]!.email, 'bulk1233@bulk.test');
      assert.equal(rows[1233]!.email, 'bulk0@bulk.test');
      await t.deps.db.deleteFrom('readers').where('id', 'in', made).execute();
    });

    test('the import page: upload a CSV, choose the newsletter, read the report; again: nothing new', async () => {
      const page = await admin.get('/desk/members/import');
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /enctype="multipart\/form-data"/);
      assert.match(html, new RegExp(`<option value="${briefing.id}">Morning briefing</option>`));
      const upload = async (csv: string, fields: Record<string, string>) => {
        const form = new FormData();
        form.set('_csrf', admin.csrf);
        for (const [k, v] of Object.entries(fields)) form.set(k, v);
        form.set('file', new File([csv], 'members.csv', { type: 'text/csv' }));
        return admin.request('/desk/members/import', { method: 'POST', body: form });
      };
      const csv = readFileSync('test/fixtures/members/mailchimp-subscribed.csv', 'utf8');
      const res = await upload(csv, { newsletter: String(alerts.id), format: 'auto' });
      assert.equal(res.status, 200);
      const report = await res.text();
      assert.match(report, /Import from mailchimp members finished/);
      assert.match(report, /member: 3/);
      assert.match(report, /column &quot;MEMBER_RATING&quot;: 4 × Broadsheet keeps no engagement ratings/);
      const anna = await t.deps.db
        .selectFrom('readers')
        .selectAll()
        .where('email', '=', 'anna.lys@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(anna.source, 'import:mailchimp');
      assert.equal(anna.source_detail, 'members.csv');
      const again = await (await upload(csv, { newsletter: String(alerts.id) })).text();
      assert.match(again, /nothing new/);
      assert.match(again, /member: 3 × already imported/);
      const imported = await list('?source=import%3Amailchimp');
      assert.equal(idsOn(imported).length, 3);
      assert.match(imported, /an import from Mailchimp/);

      const refused = await upload('name,phone\nA,1', { newsletter: 'none' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /Nothing was imported: Members CSV: this is neither a Ghost/);
      const noFile = new FormData();
      noFile.set('_csrf', admin.csrf);
      noFile.set('newsletter', 'none');
      const missing = await admin.request('/desk/members/import', { method: 'POST', body: noFile });
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /Choose the CSV file to import/);
      assert.equal((await upload(csv, { newsletter: '999999' })).status, 400);
      assert.equal((await upload(csv, { newsletter: 'all' })).status, 400);
    });

    test('authors and contributors see no member, export nothing and import nothing (403)', async () => {
      const contributor = await signedIn(t, 'contributor');
      for (const c of [author, contributor]) {
        for (const path of [
          '/desk/members',
          `/desk/members/${r.active!.id}`,
          '/desk/members/export.csv',
          '/desk/members/import',
        ])
          assert.equal((await c.get(path)).status, 403, `${c.user!.role} ${path}`);
        const form = new FormData();
        form.set('_csrf', c.csrf);
        form.set('newsletter', 'none');
        form.set('file', new File(['id,email\n1,x@example.org'], 'm.csv'));
        assert.equal((await c.request('/desk/members/import', { method: 'POST', body: form })).status, 403);
        assert.ok(!(await (await c.get('/desk')).text()).includes('/desk/members'), 'no link to them');
      }
      assert.equal(
        await t.deps.db.selectFrom('readers').select('id').where('email', '=', 'x@example.org').executeTakeFirst(),
        undefined,
      );
    });
  });
}
