import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { createDemoOwner } from './demo-owner.js';
import { userByEmail } from './user.repo.js';
import { INVITE_TTL_MS } from './user.service.js';

const run = promisify(execFile);

for (const dialect of DIALECTS) {
  describe(`users, invites, profiles, CLI (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 10, 27, 8, 0);
    let owner: DeskClient;
    let admin: DeskClient;
    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
      owner = await signedIn(t, 'owner', { name: 'Olive Owner' });
      admin = await signedIn(t, 'admin', { name: 'Ada Admin' });
    });
    after(() => t.close());

    const inviteLink = async (c: DeskClient, email: string, role: string) => {
      const res = await c.postForm('/desk/users/invite', { email, role });
      assert.equal(res.status, 200);
      const m = /<code id="invite-link">http:\/\/news\.test(\/desk\/invite\/[A-Za-z0-9_-]+)<\/code>/.exec(
        await res.text(),
      );
      assert.ok(m, 'the invite link is shown once');
      return m[1]!;
    };

    test('an invite link creates the account once, with the invited role, and expires', async () => {
      const path = await inviteLink(owner, 'new.editor@news.test', 'editor');
      const guest = deskClient(t);
      const form = await (await guest.get(path)).text();
      assert.match(form, /You were invited as <strong>editor<\/strong>/);
      guest.csrf = /name="csrf-token" content="([^"]+)"/.exec(form)![1]!;
      assert.equal((await guest.postForm(path, { name: 'Nia New', password: 'short' })).status, 400);
      const ok = await guest.postForm(path, { name: 'Nia New', password: 'a good long password' });
      assert.equal(ok.status, 303);
      assert.match(await (await guest.get('/desk')).text(), /Nia New \(editor\)/);
      const again = deskClient(t);
      const reused = await again.get(path);
      assert.equal(reused.status, 410);
      assert.match(await reused.text(), /already been used/);
      const later = await inviteLink(admin, 'late@news.test', 'author');
      now += INVITE_TTL_MS + 1;
      const expired = await deskClient(t).get(later);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /expired/);
      assert.equal((await deskClient(t).get('/desk/invite/not-a-real-token-at-all-xyz')).status, 404);
    });

    test('only an owner may invite or make owners; admins manage the rest; disabling ends sessions', async () => {
      assert.equal(
        (await admin.postForm('/desk/users/invite', { email: 'boss@news.test', role: 'owner' })).status,
        403,
      );
      const victim = await signedIn(t, 'author', { email: 'victim@news.test' });
      const id = victim.user!.id;
      assert.equal((await admin.postForm(`/desk/users/${id}`, { role: 'editor' })).status, 303);
      assert.equal((await userByEmail(t.deps.db, 'victim@news.test'))?.role, 'editor');
      assert.equal((await admin.postForm(`/desk/users/${id}`, { role: 'owner' })).status, 403);
      assert.equal((await admin.postForm(`/desk/users/${owner.user!.id}`, { disabled: '1' })).status, 403);
      assert.equal((await admin.postForm(`/desk/users/${id}`, { disabled: '1' })).status, 303);
      assert.equal((await victim.get('/desk')).status, 303, 'a disabled account is signed out');
      victim.csrf = await victim.refreshCsrf();
      const login = await victim.postForm('/desk/login', {
        email: 'victim@news.test',
        password: 'correct horse battery',
      });
      assert.equal(login.status, 401);
      const page = await (await admin.get('/desk/users')).text();
      assert.match(page, /victim@news\.test/);
    });

    test('an admin cannot act on an owner’s account (sessions, disabling, role) even without the page’s buttons', async () => {
      const boss = await signedIn(t, 'owner', { name: 'Second Owner' });
      const bossId = boss.user!.id;
      const refusedSessions = await admin.postForm(`/desk/users/${bossId}/sessions`, {});
      assert.equal(refusedSessions.status, 403);
      assert.match(await refusedSessions.text(), /Only an owner can change an owner’s account/);
      assert.equal((await admin.postForm(`/desk/users/${bossId}`, { disabled: '1' })).status, 403);
      assert.equal((await admin.postForm(`/desk/users/${bossId}`, { role: 'author' })).status, 403);
      assert.equal((await boss.get('/desk')).status, 200, 'the owner is still signed in');
      const stored = await userByEmail(t.deps.db, boss.user!.email);
      assert.equal(stored?.role, 'owner');
      assert.equal(stored?.disabled, 0);
      assert.equal((await admin.postForm('/desk/users/999999/sessions', {})).status, 404);
      const writer = await signedIn(t, 'author');
      assert.equal((await admin.postForm(`/desk/users/${writer.user!.id}/sessions`, {})).status, 303);
      assert.equal((await writer.get('/desk')).status, 303, 'an admin ends an author’s sessions');
      assert.equal((await owner.postForm(`/desk/users/${bossId}/sessions`, {})).status, 303);
      assert.equal((await boss.get('/desk')).status, 303, 'an owner ends another owner’s sessions');
    });

    test('each user edits their own profile; hostile text is kept as text; bad links are refused', async () => {
      const writer = await signedIn(t, 'contributor', { name: 'Cleo Writer' });
      const aid = writer.user!.author_id!;
      const bad = await writer.postForm(`/desk/authors/${aid}`, {
        name: 'Cleo Writer',
        role_title: 'Stringer',
        bio: 'x',
        links: 'Home | javascript:alert(1)',
      });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Links must start with https:\/\/, http:\/\/ or mailto:/);
      const ok = await writer.postForm(`/desk/authors/${aid}`, {
        name: 'Cleo Writer',
        role_title: 'Stringer',
        short_bio: 'Covers the port.',
        bio: 'Hi <script>alert(1)</script> there',
        links: 'Site | https://cleo.example',
      });
      assert.equal(ok.status, 303);
      const { slug } = await t.deps.db
        .selectFrom('authors')
        .select('slug')
        .where('id', '=', aid)
        .executeTakeFirstOrThrow();
      const reader = await (await t.request(`/authors/${slug}`)).text();
      assert.match(reader, /Stringer/);
      assert.match(reader, /Hi &lt;script&gt;alert\(1\)&lt;\/script&gt; there/);
      assert.doesNotMatch(reader, /<script>alert/);
      assert.equal((await writer.get(`/desk/authors/${owner.user!.author_id}/edit`)).status, 403);
      assert.equal((await admin.get(`/desk/authors/${aid}/edit`)).status, 200);
    });

    test('owners and admins change the newsroom settings; readers see them', async () => {
      const bad = await admin.postForm('/desk/settings', { name: 'X', description: '', editions: 'not a code | | X' });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /A language is a code/);
      const noPrefix = await admin.postForm('/desk/settings', {
        name: 'X',
        description: '',
        editions: 'en | en-GB | English\nuk | uk-UA | Українська',
      });
      assert.equal(noPrefix.status, 400);
      assert.match(await noPrefix.text(), /needs a prefix/);
      assert.equal(
        (
          await admin.postForm('/desk/settings', {
            name: 'The <b>Harbour</b> Post',
            description: 'Port news',
            editions: 'en | en-GB | English\nuk | uk-UA | Українська | uk',
          })
        ).status,
        303,
      );
      assert.match(await (await t.request('/')).text(), /The &lt;b&gt;Harbour&lt;\/b&gt; Post/);
      const uk = await (await t.request('/uk/')).text();
      assert.match(uk, /<html lang="uk"/);
      const form = await (await admin.get('/desk/settings')).text();
      assert.match(form, /uk \| uk-UA \| Українська \| uk/, 'the form shows the editions as saved');
    });

    test('the demo owner gets a random password printed once, which signs in', async () => {
      const fresh = await createTestApp(dialect);
      try {
        const lines: string[] = [];
        assert.equal(await createDemoOwner(fresh.deps, (l) => lines.push(l)), true);
        assert.equal(await createDemoOwner(fresh.deps, (l) => lines.push(l)), false, 'never again');
        assert.equal(lines.length, 1);
        const password = /password: (\S+)/.exec(lines[0]!)![1]!;
        assert.ok(password.length >= 20);
        const c = deskClient(fresh);
        await c.refreshCsrf();
        assert.equal((await c.postForm('/desk/login', { email: 'owner@demo.broadsheet.test', password })).status, 303);
      } finally {
        await fresh.close();
      }
    });

    test('npm run broadsheet -- user create makes an account from the command line', async () => {
      const env = { ...process.env, DATABASE_URL: t.databaseUrl, DATA_DIR: t.dir, SEED_DEMO: '0', LOG_REQUESTS: '0' };
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'user',
          'create',
          '--email',
          'Cli.Owner@News.test',
          '--role',
          'owner',
          '--name',
          'Cli Owner',
        ],
        { env },
      );
      assert.match(stdout, /Created owner cli\.owner@news\.test/);
      const password = /shown once[^:]*: (\S+)/.exec(stdout)![1]!;
      const c = deskClient(t);
      await c.refreshCsrf();
      assert.equal((await c.postForm('/desk/login', { email: 'cli.owner@news.test', password })).status, 303);
      const dup = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'user', 'create', '--email', 'cli.owner@news.test', '--role', 'owner'],
        { env },
      ).catch((e: { stderr: string; code: number }) => e);
      assert.equal((dup as { code: number }).code, 1);
      assert.match((dup as { stderr: string }).stderr, /already exists/);
    });
  });
}
