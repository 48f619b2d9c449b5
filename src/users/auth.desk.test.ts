import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { createDeps } from '../boot.js';
import { createApp } from '../http/app.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from './login.service.js';
import { createUser } from './user.service.js';
import { userByEmail } from './user.repo.js';

for (const dialect of DIALECTS) {
  describe(`desk sign-in, sessions and CSRF (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('with no account, /desk shows the one-time setup; it creates the owner once', async () => {
      const c = deskClient(t);
      const page = await (await c.get('/desk')).text();
      assert.match(page, /Set up the desk/);
      c.csrf = /name="csrf-token" content="([^"]+)"/.exec(page)![1]!;
      const short = await c.postForm('/desk/setup', { name: 'Olga Owner', email: 'olga@news.test', password: 'short' });
      assert.equal(short.status, 400);
      assert.match(await short.text(), /at least 10 characters/);
      const ok = await c.postForm('/desk/setup', {
        name: 'Olga Owner',
        email: 'Olga@News.test',
        password: 'a long enough password',
      });
      assert.equal(ok.status, 303);
      const cookie = ok.headers.getSetCookie().find((l) => l.startsWith('bs_session='))!;
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(cookie, /Secure/i, 'PUBLIC_URL is http in tests');
      const owner = await userByEmail(t.deps.db, 'olga@news.test');
      assert.equal(owner?.role, 'owner');
      assert.match(owner!.password_hash, /^\$argon2id\$/);
      assert.match(await (await c.get('/desk')).text(), /Good to see you, Olga Owner/);
      // A second setup (another visitor) is refused; the page now asks to sign in.
      const other = deskClient(t);
      assert.equal((await other.get('/desk')).status, 303);
      await other.refreshCsrf();
      assert.equal(
        (
          await other.postForm('/desk/setup', {
            name: 'Mallory',
            email: 'm@x.test',
            password: 'a long enough password',
          })
        ).status,
        409,
      );
    });

    test('desk pages redirect to sign-in; desk API answers 401 JSON', async () => {
      const c = deskClient(t);
      const page = await c.get('/desk');
      assert.equal(page.status, 303);
      assert.equal(page.headers.get('location'), '/desk/login');
      const api = await c.request('/desk/api/me', { method: 'GET' });
      assert.equal(api.status, 401);
      assert.equal((await api.json()).error.code, 'unauthenticated');
    });

    test('state-changing requests without the CSRF token are refused, nothing changes', async () => {
      const c = await signedIn(t, 'editor');
      const noToken = await c.postForm('/desk/logout', { _csrf: '' });
      assert.equal(noToken.status, 403);
      assert.match(await noToken.text(), /form has expired or did not come from the desk/);
      const wrong = await c.request('/desk/logout', { method: 'POST', headers: { 'x-csrf-token': 'x'.repeat(32) } });
      assert.equal(wrong.status, 403);
      const crossSite = await c.request('/desk/logout', {
        method: 'POST',
        headers: { 'x-csrf-token': c.csrf, origin: 'https://evil.example' },
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await c.get('/desk')).status, 200, 'still signed in');
      assert.equal((await c.postForm('/desk/logout', {})).status, 303);
      assert.equal((await c.get('/desk')).status, 303, 'signed out');
    });

    /** A JSON save of the client's own byline title, sent to `url` with `origin` (none when undefined). */
    const saveTitle = (c: DeskClient, url: string, origin: string | undefined, title: string) =>
      c.request(url, {
        method: 'POST',
        body: JSON.stringify({ name: c.user!.name, roleTitle: title }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': c.csrf,
          ...(origin === undefined ? {} : { origin }),
        },
      });
    const titleOf = async (app: TestApp, c: DeskClient) =>
      (
        await app.deps.db
          .selectFrom('authors')
          .select('role_title')
          .where('id', '=', c.user!.author_id!)
          .executeTakeFirstOrThrow()
      ).role_title;

    test('a desk change is refused unless its Origin is exactly the desk’s: not null, another scheme, port or host', async () => {
      const c = await signedIn(t, 'author');
      const atPublic = `http://news.test/desk/api/authors/${c.user!.author_id}`;
      for (const origin of [
        'null',
        'https://news.test',
        'http://news.test:8080',
        'http://evil.example',
        'http://news.test.evil.example',
        'http://localhost',
      ]) {
        const res = await saveTitle(c, atPublic, origin, `from ${origin}`);
        assert.equal(res.status, 403, origin);
        assert.match((await res.json()).error.message, /came from another site and was refused/);
      }
      assert.equal(await titleOf(t, c), '', 'the token did not save any of them');
      assert.equal((await saveTitle(c, atPublic, 'http://news.test', 'Right origin')).status, 200);
      assert.equal(await titleOf(t, c), 'Right origin');
      assert.equal((await saveTitle(c, atPublic, undefined, 'No origin')).status, 200, 'no Origin: the token decides');
      // Reached under another host than PUBLIC_URL's (a newsroom machine by its address): that page's own origin.
      const atAddress = `http://127.0.0.1:3000/desk/api/authors/${c.user!.author_id}`;
      assert.equal((await saveTitle(c, atAddress, 'http://127.0.0.1:3000', 'Own origin')).status, 200);
      for (const origin of ['null', 'https://127.0.0.1:3000', 'http://127.0.0.1:3001', 'http://news.test:3000'])
        assert.equal((await saveTitle(c, atAddress, origin, 'x')).status, 403, origin);
      assert.equal(await titleOf(t, c), 'Own origin');
    });

    test('behind a proxy that ends TLS, PUBLIC_URL’s https origin is accepted, not the http the server sees', async () => {
      const proxied = await createTestApp(dialect, { env: { PUBLIC_URL: 'https://news.test', TRUST_PROXY: '1' } });
      try {
        const c = await signedIn(proxied, 'author');
        const url = `http://news.test/desk/api/authors/${c.user!.author_id}`;
        for (const origin of ['http://news.test', 'null', 'https://news.test:8443', 'https://evil.example'])
          assert.equal((await saveTitle(c, url, origin, 'x')).status, 403, origin);
        assert.equal((await saveTitle(c, url, 'https://news.test', 'Through the proxy')).status, 200);
        assert.equal(await titleOf(proxied, c), 'Through the proxy');
      } finally {
        await proxied.close();
      }
    });

    test('wrong passwords lock the account with a clear message, per account', async () => {
      await createUser(t.deps, {
        email: 'lock@news.test',
        name: 'Lock Me',
        role: 'author',
        password: 'the right password',
      });
      const c = deskClient(t);
      await c.refreshCsrf();
      for (let i = 0; i < ACCOUNT_LIMIT; i++) {
        const r = await c.postForm('/desk/login', { email: 'lock@news.test', password: `wrong ${i}` });
        assert.equal(r.status, 401);
        assert.match(await r.text(), /email and password do not match/);
      }
      const locked = await c.postForm('/desk/login', { email: 'lock@news.test', password: 'the right password' });
      assert.equal(locked.status, 429);
      assert.match(await locked.text(), /This account is locked after 5 failed sign-ins. Try again in 15 minutes/);
      // Another account from the same address still signs in.
      const other = await signedIn(t, 'author');
      assert.equal((await other.get('/desk')).status, 200);
    });

    test('failures from elsewhere lock the account for the unknown only: a known browser or address still gets in, the owner is told', async () => {
      const owner = await createUser(t.deps, {
        email: 'owner-lock@news.test',
        name: 'Owner Lock',
        role: 'owner',
        password: 'the right password',
      });
      const at = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
      const signInAs = (c: DeskClient, password: string) =>
        c.postForm('/desk/login', { email: 'owner-lock@news.test', password });
      // The owner's laptop signs in once: it gets a long-lived, HttpOnly known-device cookie.
      const laptopNet = at('198.51.100.20');
      const laptop = deskClient(t, laptopNet);
      await laptop.refreshCsrf();
      const first = await signInAs(laptop, 'the right password');
      assert.equal(first.status, 303);
      const device = first.headers.getSetCookie().find((l) => l.startsWith('bs_device='));
      assert.ok(device, 'a known-device cookie is set');
      assert.match(device, /HttpOnly/i);
      assert.ok(Number(/Max-Age=(\d+)/i.exec(device)![1]) >= 30 * 24 * 3600, 'it lasts for months');
      await laptop.refreshCsrf('/desk');
      assert.equal((await laptop.postForm('/desk/logout', {})).status, 303);
      // The newsroom's office address had a good sign-in too (another browser, no cookie kept).
      const office = deskClient(t, at('198.51.100.30'));
      await office.refreshCsrf();
      assert.equal((await signInAs(office, 'the right password')).status, 303);

      // An attacker elsewhere fails five times: the account is locked for the unknown, right password or not.
      const attacker = deskClient(t, at('203.0.113.66'));
      await attacker.refreshCsrf();
      for (let i = 0; i < ACCOUNT_LIMIT; i++) assert.equal((await signInAs(attacker, `guess ${i}`)).status, 401);
      const refused = await signInAs(attacker, 'the right password');
      assert.equal(refused.status, 429);
      assert.match(await refused.text(), /This account is locked after 5 failed sign-ins/);

      // The owner's laptop, now on another network (a new address), signs in with the right password.
      laptopNet.incoming.socket.remoteAddress = '192.0.2.200';
      await laptop.refreshCsrf();
      const back = await signInAs(laptop, 'the right password');
      assert.equal(back.status, 303, 'the known browser is not locked out');
      assert.equal(back.headers.get('location'), '/desk', 'the dashboard first: it has the notice');
      // A fresh browser at the office address gets in too.
      const officeAgain = deskClient(t, at('198.51.100.30'));
      await officeAgain.refreshCsrf();
      assert.equal((await signInAs(officeAgain, 'the right password')).status, 303, 'a known address');
      // An unknown browser at an unknown address is still locked, even after the owner signed in.
      const stranger = deskClient(t, at('192.0.2.201'));
      await stranger.refreshCsrf();
      assert.equal((await signInAs(stranger, 'the right password')).status, 429);

      // The lock was recorded once for the owner, with the attacker's attempts, and the dashboard lists them.
      const alerts = await t.deps.db.selectFrom('sign_in_alerts').selectAll().where('user_id', '=', owner.id).execute();
      assert.equal(alerts.length, 1);
      const attempts = JSON.parse(alerts[0]!.attempts) as { at: number; ip: string }[];
      assert.deepEqual(
        attempts.map((a) => a.ip),
        Array(ACCOUNT_LIMIT).fill('203.0.113.66'),
      );
      const dashboard = await (await laptop.get('/desk')).text();
      assert.match(dashboard, /Your account was locked once after failed sign-ins/);
      assert.equal(dashboard.split('from 203.0.113.66').length - 1, ACCOUNT_LIMIT);
      await laptop.refreshCsrf('/desk');
      assert.equal((await laptop.postForm('/desk/sign-in-alerts/dismiss', {})).status, 303);
      assert.doesNotMatch(await (await laptop.get('/desk')).text(), /Your account was locked/);
    });

    test('a known browser’s own wrong passwords are still limited, without locking the account for others', async () => {
      await createUser(t.deps, {
        email: 'known-typo@news.test',
        name: 'Known Typo',
        role: 'editor',
        password: 'the right password',
      });
      const at = (ip: string) => deskClient(t, { incoming: { socket: { remoteAddress: ip } } });
      const post = (c: DeskClient, password: string) =>
        c.postForm('/desk/login', { email: 'known-typo@news.test', password });
      const thief = at('198.51.100.40');
      await thief.refreshCsrf();
      assert.equal((await post(thief, 'the right password')).status, 303);
      await thief.refreshCsrf('/desk');
      assert.equal((await thief.postForm('/desk/logout', {})).status, 303);
      await thief.refreshCsrf();
      for (let i = 0; i < ACCOUNT_LIMIT; i++) assert.equal((await post(thief, `guess ${i}`)).status, 401);
      assert.equal((await post(thief, 'the right password')).status, 429, 'that browser is locked');
      const other = at('192.0.2.210');
      await other.refreshCsrf();
      assert.equal((await post(other, 'the right password')).status, 303, 'the account is not');
    });

    test('per address: many accounts tried from one address lock that address only', async () => {
      const from = (ip: string) => deskClient(t, { incoming: { socket: { remoteAddress: ip } } });
      const attacker = from('203.0.113.9');
      await attacker.refreshCsrf();
      for (let i = 0; i < ADDRESS_LIMIT; i++)
        await attacker.postForm('/desk/login', { email: `guess${i}@news.test`, password: 'nope nope nope' });
      const blocked = await attacker.postForm('/desk/login', {
        email: 'someone@news.test',
        password: 'whatever it is',
      });
      assert.equal(blocked.status, 429);
      assert.match(await blocked.text(), /Too many failed sign-ins from your network address/);
      await createUser(t.deps, {
        email: 'fine@news.test',
        name: 'Fine',
        role: 'author',
        password: 'the right password',
      });
      const elsewhere = from('198.51.100.7');
      await elsewhere.refreshCsrf();
      assert.equal(
        (await elsewhere.postForm('/desk/login', { email: 'fine@news.test', password: 'the right password' })).status,
        303,
      );
    });

    test('behind a trusted proxy the limit is per forwarded address, not per proxy', async () => {
      const proxied = await createTestApp(dialect, { env: { TRUST_PROXY: '1' } });
      try {
        const viaProxy = { incoming: { socket: { remoteAddress: '10.0.0.2' } } };
        const attacker = deskClient(proxied, viaProxy);
        await attacker.refreshCsrf();
        const post = (c: typeof attacker, ip: string, email: string, password: string) =>
          c.request('/desk/login', {
            method: 'POST',
            body: new URLSearchParams({ _csrf: c.csrf, email, password }),
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `1.2.3.4, ${ip}` },
          });
        for (let i = 0; i < ADDRESS_LIMIT; i++)
          await post(attacker, '203.0.113.50', `g${i}@news.test`, 'nope nope nope');
        assert.equal((await post(attacker, '203.0.113.50', 'x@news.test', 'nope nope nope')).status, 429);
        await createUser(proxied.deps, {
          email: 'colleague@news.test',
          name: 'Colleague',
          role: 'author',
          password: 'the right password',
        });
        const colleague = deskClient(proxied, viaProxy);
        await colleague.refreshCsrf();
        assert.equal(
          (await post(colleague, '198.51.100.60', 'colleague@news.test', 'the right password')).status,
          303,
          'same proxy, other client',
        );
      } finally {
        await proxied.close();
      }
    });

    test('requests sent together cannot beat the limits, in one process or several on the same database', async () => {
      await createUser(t.deps, {
        email: 'burst@news.test',
        name: 'Burst',
        role: 'author',
        password: 'the right password',
      });
      // A second instance of the app on the same database, with its own connection (pool), as a second process.
      const second = await createDeps(t.config, { log: () => {} });
      try {
        const apps = [t.app, createApp(second)];
        const clients = await Promise.all(
          apps.map(async (app, i) => {
            const c = deskClient({ app }, { incoming: { socket: { remoteAddress: `192.0.2.${70 + i}` } } });
            await c.refreshCsrf();
            return c;
          }),
        );
        const statuses = async (emails: (i: number) => string) =>
          (
            await Promise.all(
              Array.from({ length: 30 }, (_, i) =>
                clients[i % 2]!.postForm('/desk/login', { email: emails(i), password: `wrong ${i}` }),
              ),
            )
          )
            .map((r) => r.status)
            .sort();
        const count = (list: number[], status: number) => list.filter((s) => s === status).length;

        // 30 wrong passwords for one account at once, half through each instance: only the limit is judged.
        const burst = await statuses(() => 'burst@news.test');
        assert.equal(count(burst, 401), ACCOUNT_LIMIT, `judged: ${burst.join(' ')}`);
        assert.equal(count(burst, 429), 30 - ACCOUNT_LIMIT);
        const locked = await clients[1]!.postForm('/desk/login', {
          email: 'burst@news.test',
          password: 'the right password',
        });
        assert.equal(locked.status, 429, 'locked on the other instance too');

        // 30 accounts at once from one address (one client of one instance): only the address limit is judged.
        const attacker = deskClient({ app: apps[1]! }, { incoming: { socket: { remoteAddress: '192.0.2.99' } } });
        await attacker.refreshCsrf();
        const spread = (
          await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              attacker.postForm('/desk/login', { email: `spread${i}@news.test`, password: 'nope nope nope' }),
            ),
          )
        ).map((r) => r.status);
        assert.equal(count(spread, 401), ADDRESS_LIMIT, `judged: ${spread.join(' ')}`);
        assert.equal(count(spread, 429), 30 - ADDRESS_LIMIT);

        // A good sign-in is no failure: it takes its reservation back, so it does not use up the address.
        await createUser(t.deps, {
          email: 'good@news.test',
          name: 'Good',
          role: 'author',
          password: 'the right password',
        });
        for (let i = 0; i < ADDRESS_LIMIT + 2; i++) {
          const c = deskClient({ app: apps[i % 2]! }, { incoming: { socket: { remoteAddress: '192.0.2.120' } } });
          await c.refreshCsrf();
          assert.equal(
            (await c.postForm('/desk/login', { email: 'good@news.test', password: 'the right password' })).status,
            303,
            `good sign-in ${i + 1}`,
          );
        }
      } finally {
        await second.database.close();
      }
    });

    test('sign out everywhere ends every session of the account', async () => {
      const a = await signedIn(t, 'editor', { email: 'twice@news.test' });
      const b = deskClient(t);
      await b.refreshCsrf();
      assert.equal(
        (await b.postForm('/desk/login', { email: 'twice@news.test', password: 'correct horse battery' })).status,
        303,
      );
      assert.equal((await b.get('/desk')).status, 200);
      assert.equal((await a.postForm('/desk/logout-everywhere', {})).status, 303);
      assert.equal((await a.get('/desk')).status, 303);
      assert.equal((await b.get('/desk')).status, 303, 'the other device is signed out too');
    });

    test('login "next" never leaves the desk', async () => {
      const c = deskClient(t);
      await createUser(t.deps, {
        email: 'next@news.test',
        name: 'Next',
        role: 'author',
        password: 'the right password',
      });
      await c.refreshCsrf();
      const r = await c.postForm('/desk/login', {
        email: 'next@news.test',
        password: 'the right password',
        next: '//evil.example/desk',
      });
      assert.equal(r.headers.get('location'), '/desk');
    });
  });
}
