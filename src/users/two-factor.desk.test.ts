import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { exportNewsroom } from '../transfer/export.service.js';
import { ACCOUNT_LIMIT } from './login.service.js';
import { RECOVERY_CODE_COUNT, TOTP_PERIOD_MS, currentCode } from './two-factor.service.js';
import { userById } from './user.repo.js';

const PASSWORD = 'correct horse battery';

for (const dialect of DIALECTS) {
  describe(`two-factor sign-in (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 5, 1, 9, 0, 0);
    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
    });
    after(() => t.close());

    /** Turns two-factor on from the desk page; returns the secret and the recovery codes shown once. */
    async function enrol(c: DeskClient): Promise<{ secret: string; codes: string[] }> {
      const page = await (await c.get('/desk/two-factor')).text();
      assert.match(page, /<svg/, 'the QR code is drawn in the page');
      const secret = /data-totp-secret[^>]*>([A-Z2-7]+)</.exec(page)![1]!;
      const wrong = await c.postForm('/desk/two-factor/enable', { code: '000000' });
      assert.equal(wrong.status, 401);
      now += TOTP_PERIOD_MS;
      const ok = await c.postForm('/desk/two-factor/enable', { code: currentCode(secret, now) });
      assert.equal(ok.status, 200);
      const codes = [...(await ok.text()).matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
      assert.equal(codes.length, RECOVERY_CODE_COUNT);
      return { secret, codes };
    }

    /** The password step: a pending sign-in (no session), sent to the code page. */
    async function password(email: string): Promise<DeskClient> {
      const c = deskClient(t);
      await c.refreshCsrf();
      const res = await c.postForm('/desk/login', { email, password: PASSWORD, next: '/desk/stories' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/desk/login/code');
      assert.ok(!res.headers.getSetCookie().some((l) => l.startsWith('bs_session=')), 'no session before the code');
      assert.equal((await c.get('/desk')).status, 303, 'the desk still asks to sign in');
      assert.match(await (await c.get('/desk/login/code')).text(), /Enter your sign-in code/);
      return c;
    }

    test('enrol, then sign in with a code: ±1 step, never the same code twice, codes stored hashed', async () => {
      const c = await signedIn(t, 'editor');
      const { secret, codes } = await enrol(c);
      const stored = (await userById(t.deps.db, c.user!.id))!;
      assert.equal(stored.totp_secret, secret);
      const rows = await t.deps.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', c.user!.id).execute();
      assert.equal(rows.length, RECOVERY_CODE_COUNT);
      assert.ok(
        rows.every((r) => !codes.some((code) => r.code_hash.includes(code.replace('-', '')))),
        'only hashes',
      );

      now += 2 * TOTP_PERIOD_MS;
      const a = await password(c.user!.email);
      // The code of the step before still works (a slow typist, a clock a little behind).
      const early = currentCode(secret, now - TOTP_PERIOD_MS);
      const ok = await a.postForm('/desk/login/code', { code: early });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), '/desk/stories');
      assert.equal((await a.get('/desk')).status, 200);

      // The same code again (a shoulder-surfer in the same half-minute) is refused.
      const b = await password(c.user!.email);
      assert.equal((await b.postForm('/desk/login/code', { code: early })).status, 401);
      // Two steps away is too far.
      assert.equal(
        (await b.postForm('/desk/login/code', { code: currentCode(secret, now + 3 * TOTP_PERIOD_MS) })).status,
        401,
      );
      const next = await b.postForm('/desk/login/code', { code: currentCode(secret, now + TOTP_PERIOD_MS) });
      assert.equal(next.status, 303);
    });

    test('a recovery code signs in once; wrong codes are rate-limited like passwords', async () => {
      const c = await signedIn(t, 'author');
      const { codes } = await enrol(c);
      now += TOTP_PERIOD_MS;
      const a = await password(c.user!.email);
      assert.equal((await a.postForm('/desk/login/code', { code: codes[0]!.toUpperCase() })).status, 303);
      const b = await password(c.user!.email);
      const again = await b.postForm('/desk/login/code', { code: codes[0]! });
      assert.equal(again.status, 401);
      assert.match(await again.text(), /That code is not right/);
      for (let i = 1; i < ACCOUNT_LIMIT; i++) await b.postForm('/desk/login/code', { code: '123456' });
      const locked = await b.postForm('/desk/login/code', { code: codes[1]! });
      assert.equal(locked.status, 429, 'even a good code waits once the limit is reached');
      assert.match(await locked.text(), /Too many wrong codes/);
    });

    test('turning it off needs the password and a code', async () => {
      const c = await signedIn(t, 'contributor');
      const { secret } = await enrol(c);
      now += TOTP_PERIOD_MS;
      const bad = await c.postForm('/desk/two-factor/disable', {
        password: 'wrong one!',
        code: currentCode(secret, now),
      });
      assert.equal(bad.status, 401);
      const ok = await c.postForm('/desk/two-factor/disable', { password: PASSWORD, code: currentCode(secret, now) });
      assert.equal(ok.status, 303);
      assert.equal((await userById(t.deps.db, c.user!.id))!.totp_secret, '');
      const d = deskClient(t);
      await d.refreshCsrf();
      const res = await d.postForm('/desk/login', { email: c.user!.email, password: PASSWORD });
      assert.equal(res.headers.get('location'), '/desk', 'the password alone signs in again');
    });

    test('the owner requires it for a role: such an account enrols after its password, before anything else', async () => {
      const admin = await signedIn(t, 'admin');
      assert.equal((await admin.postForm('/desk/two-factor/roles', { roles: 'admin' })).status, 403);
      const owner = await signedIn(t, 'owner');
      assert.equal((await owner.postForm('/desk/two-factor/roles', { roles: ['admin', 'nobody'] })).status, 303);
      assert.deepEqual((await t.deps.lookups.settings()).twoFactorRoles, ['admin']);

      const c = await password(admin.user!.email);
      const page = await (await c.get('/desk/login/code')).text();
      assert.match(page, /requires two-factor sign-in for your role/);
      assert.equal((await c.get('/desk/users')).status, 303, 'nothing else opens meanwhile');
      const secret = /data-totp-secret[^>]*>([A-Z2-7]+)</.exec(page)![1]!;
      now += TOTP_PERIOD_MS;
      const done = await c.postForm('/desk/login/code', { code: currentCode(secret, now) });
      assert.equal(done.status, 200);
      assert.match(await done.text(), /Your recovery codes/);
      assert.equal((await c.get('/desk/users')).status, 200);
      await c.refreshCsrf('/desk');
      // Required: it cannot be turned off.
      const off = await c.postForm('/desk/two-factor/disable', { password: PASSWORD, code: currentCode(secret, now) });
      assert.equal(off.status, 409);
      await owner.postForm('/desk/two-factor/roles', {});
    });

    test('an export without --with-secrets leaves the secrets out', async () => {
      const doc = await exportNewsroom(t.deps);
      const users = doc.tables.users as Record<string, unknown>[];
      assert.ok(users.length > 0);
      assert.ok(users.every((u) => !('totp_secret' in u) && !('totp_pending' in u)));
      const codes = doc.tables.recovery_codes as Record<string, unknown>[];
      assert.ok(codes.length > 0 && codes.every((r) => !('code_hash' in r)));
    });
  });
}
