import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { deskClient } from '../../test/support/desk.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { signedInReader } from '../../test/support/reader.js';
import { NEVER_CACHED, cacheFor, personalHeaders } from '../cache/cache.middleware.js';
import type { RouteModule } from '../http/route-module.js';
import { PERSONAL_PATHS, READER_COOKIE_NAMES } from './reader-cookies.js';
import { readerFromRequest } from './reader-session.cookie.js';

/** The cookies a client's jar sends (an app route echoes the request's Cookie header). */
const cookieOf = async (c: { get(p: string): Promise<Response> }) => (await c.get('/__cookie-echo')).text();

for (const dialect of DIALECTS) {
  describe(`signed-in readers and the shared cache (${dialect})`, () => {
    let t: TestApp;
    let storyPath: string;
    before(async () => {
      // A route that wrongly renders the reader into a page it asks to cache: the cache must still never keep it.
      const trap: RouteModule = (app, deps) => {
        app.get('/stories-trap', async (c) => {
          cacheFor(c, ['chrome']);
          const auth = await readerFromRequest(deps, c);
          return c.html(`<p>hello ${auth ? auth.reader.email : 'anonymous'}</p>`);
        });
        app.get('/__cookie-echo', (c) => c.text(c.req.header('cookie') ?? ''));
      };
      t = await createTestApp(dialect, { extra: [trap] });
      const section = await makeSection(t.deps, { name: 'City' });
      const story = await makeStory(t.deps, { sectionId: section.id, headline: 'Cached for everyone' });
      storyPath = `/stories/${story.slug}`;
    });
    after(() => t.close());

    test('a signed-in reader gets and fills the same cached story page as everyone, with nothing of theirs in it', async () => {
      const ann = await signedInReader(t, 'ann@reader.test');
      await ann.postForm('/account/profile', { name: 'Ann Unique-Name', comment_name: '' });
      const bob = await signedInReader(t, 'bob@reader.test');
      t.deps.cache.purge(['chrome']);
      await t.deps.cache.settled();
      const first = await ann.get(storyPath);
      const annBody = await first.text();
      await t.deps.cache.settled();
      assert.equal(first.headers.get('x-cache'), 'MISS', 'the reader’s cookies do not bypass the cache');
      assert.match(first.headers.get('cache-control') ?? '', /^public/);
      assert.doesNotMatch(annBody, /Ann Unique-Name|ann@reader\.test/);
      assert.match(annBody, /data-account-link=""[^>]*>Sign in</, 'the header says Sign in; site.js fills in the rest');
      const bobRes = await bob.get(storyPath);
      assert.equal(bobRes.headers.get('x-cache'), 'HIT');
      const anon = await t.request(storyPath);
      assert.equal(anon.headers.get('x-cache'), 'HIT');
      const anonBody = await anon.text();
      assert.equal(await bobRes.text(), anonBody);
      assert.equal(annBody, anonBody, 'byte for byte the page everyone gets');
    });

    test('an answer that read the reader’s session is never stored, even when the route asked to cache it', async () => {
      const ann = await signedInReader(t, 'ann2@reader.test');
      const bob = await signedInReader(t, 'bob2@reader.test');
      const a = await ann.get('/stories-trap');
      assert.match(await a.text(), /ann2@reader\.test/);
      assert.equal(a.headers.get('cache-control'), 'private, no-store');
      assert.equal(a.headers.get('surrogate-key'), null);
      await t.deps.cache.settled();
      const b = await bob.get('/stories-trap');
      assert.match(await b.text(), /bob2@reader\.test/, 'Bob never gets Ann’s page');
      await t.deps.cache.settled();
      const anon = await t.request('/stories-trap');
      assert.match(await anon.text(), /anonymous/, 'an anonymous reader never gets a reader’s page');
      assert.notEqual(anon.headers.get('x-cache'), 'HIT');
    });

    test('account pages and the state fragment are private and never stored', async () => {
      const ann = await signedInReader(t, 'ann3@reader.test');
      for (const path of ['/account', '/account/state.json', '/account/data.json']) {
        const res = await ann.get(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('cache-control'), 'private, no-store', path);
        assert.equal(res.headers.get('x-cache'), null, `${path} does not go through the cache`);
        assert.ok(NEVER_CACHED.test(path));
      }
      await t.deps.cache.settled();
      assert.deepEqual(await (await t.request('/account/state.json')).json(), { signedIn: false });
      const bob = await signedInReader(t, 'bob3@reader.test');
      await bob.postForm('/account/profile', { name: 'Bob Three', comment_name: '' });
      assert.equal(((await (await bob.get('/account/state.json')).json()) as { name: string }).name, 'Bob Three');
    });

    test('the reader’s session never opens the desk', async () => {
      const ann = await signedInReader(t, 'ann4@reader.test');
      const desk = await ann.get('/desk/stories');
      const anonymous = await t.request('/desk/stories');
      assert.equal(desk.status, anonymous.status, 'the desk treats a signed-in reader as a stranger');
      assert.equal(desk.headers.get('location'), anonymous.headers.get('location'));
      const cookie = await cookieOf(ann);
      const token = /bs_reader=([^;]+)/.exec(cookie)?.[1];
      assert.ok(token);
      // The same token sent as the desk's own cookie names no desk session.
      const forged = await t.request('/desk/api/me', {
        headers: { cookie: `bs_session=${token}`, accept: 'application/json' },
      });
      assert.equal(forged.status, 401);
    });
  });
}

describe('which cookies make a request personal', () => {
  test('only the reader’s own are ignored', () => {
    assert.equal(personalHeaders(undefined, undefined), false);
    assert.equal(personalHeaders('bs_reader=abc; bs_reader_on=1', undefined), false);
    assert.equal(personalHeaders('bs_reader=abc; bs_session=x', undefined), true);
    assert.equal(personalHeaders('theme=dark', undefined), true);
    assert.equal(personalHeaders('bs_reader=abc', 'Bearer x'), true);
    assert.equal(personalHeaders('bs_readerX=1', undefined), true);
  });

  test('the Varnish config strips exactly the reader’s cookies and passes the same personal paths', () => {
    const vcl = readFileSync(new URL('../../deploy/varnish/broadsheet.vcl', import.meta.url), 'utf8');
    assert.ok(
      vcl.includes(`req.url ~ "${PERSONAL_PATHS.source.replaceAll('\\/', '/')}"`),
      'the personal paths are the code’s',
    );
    assert.ok(vcl.includes(`(${READER_COOKIE_NAMES.join('|')})=[^;]*`), 'the stripped cookies are the code’s');
    for (const path of ['/account', '/uk/account/state.json', '/desk/stories', '/account?next=/x'])
      assert.ok(PERSONAL_PATHS.test(path), path);
    for (const path of ['/', '/stories/account', '/accounts', '/uk/stories/x'])
      assert.ok(!PERSONAL_PATHS.test(path), path);
  });
});
