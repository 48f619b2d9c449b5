import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { type HttpReceiver, startHttpReceiver } from '../../test/support/http-receiver.js';
import { waitFor } from '../../test/support/wait.js';
import type { RouteModule } from '../http/route-module.js';
import { updateStory } from '../stories/story.service.js';
import { cacheFor } from './cache.middleware.js';

const HOUR = 3600_000;
// Pages are long; say what was missing instead of printing the whole page.
const has = (body: string, re: RegExp, msg = '') => assert.ok(re.test(body), `${msg} should show ${re}`);
const hasNot = (body: string, re: RegExp, msg = '') => assert.ok(!re.test(body), `${msg} should not show ${re}`);

for (const dialect of DIALECTS) {
  describe(`render cache and precise invalidation (${dialect})`, () => {
    let t: TestApp;
    const ids: Record<string, number> = {};
    const slugs: Record<string, string> = {};
    let europe: number, politics: number, world: number, tagId: number, authorA: number, authorB: number;
    let deepPage = '';
    const base = Date.now() - 1000 * HOUR;

    /** GET a page and settle the cache's background store, so the next request can be a hit. */
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await t.request(path, { headers });
      const body = await res.text();
      await t.deps.cache.settled();
      return { res, body, cache: res.headers.get('x-cache') };
    };

    before(async () => {
      // Routes that opt in but must never be stored: the desk, live streams, a response that sets a cookie.
      const traps: RouteModule = (app) => {
        for (const path of ['/desk/trap', '/live/trap', '/cookie-trap'])
          app.get(path, (c) => {
            cacheFor(c, ['chrome']);
            if (path === '/cookie-trap') c.header('Set-Cookie', 'session=1; HttpOnly');
            return c.text(`trap ${Date.now()}`);
          });
      };
      t = await createTestApp(dialect, { extra: [traps] });
      world = (await makeSection(t.deps, { name: 'World' })).id;
      europe = (await makeSection(t.deps, { name: 'Europe', parent_id: world })).id;
      politics = (await makeSection(t.deps, { name: 'Politics' })).id;
      tagId = (await makeTag(t.deps, 'Energy')).id;
      authorA = (await makeAuthor(t.deps, { name: 'Ada Writer' })).id;
      authorB = (await makeAuthor(t.deps, { name: 'Bo Writer' })).id;
      // 70 older stories in Politics by B: enough that the first of them sits deep in every list.
      for (let i = 0; i < 70; i++) {
        const s = await makeStory(t.deps, {
          headline: `Politics story ${i}`,
          sectionId: politics,
          authorIds: [authorB],
          publishedAt: base + i * HOUR,
        });
        ids[`pol${i}`] = s.id;
        slugs[`pol${i}`] = s.slug;
      }
      const draft = await makeStory(t.deps, { headline: 'Embargoed report', sectionId: europe, status: 'draft' });
      ids.draft = draft.id;
      slugs.draft = draft.slug;
      const host = await makeStory(t.deps, {
        headline: 'Host story with embeds',
        sectionId: politics,
        authorIds: [authorB],
        publishedAt: base + 80 * HOUR,
        body: {
          version: 1,
          blocks: [p('Intro.'), { type: 'embed', storyId: ids.pol0! }, { type: 'embed', storyId: draft.id }],
        },
      });
      ids.host = host.id;
      slugs.host = host.slug;
    });
    after(() => t.close());

    const warm = [
      '/',
      '/sections/world',
      '/sections/europe',
      '/sections/politics',
      '/tags/energy',
      '/authors/ada-writer',
      '/authors/bo-writer',
    ];

    test('an opted-in page is rendered once, then served from memory with CDN headers and validators', async () => {
      const first = await get('/');
      assert.equal(first.res.status, 200);
      assert.equal(first.cache, 'MISS');
      const again = await get('/', { 'accept-encoding': 'gzip, br' });
      assert.equal(again.cache, 'HIT');
      assert.equal(again.res.headers.get('content-encoding'), 'br');
      assert.equal(again.res.headers.get('vary'), 'Accept-Encoding');
      const cc = again.res.headers.get('cache-control') ?? '';
      assert.match(cc, /public/);
      assert.match(cc, /max-age=\d+/);
      assert.match(cc, /s-maxage=\d+/);
      assert.match(cc, /stale-while-revalidate=\d+/);
      assert.match(again.res.headers.get('surrogate-key') ?? '', /(^| )home( |$)/);
      assert.match(again.res.headers.get('surrogate-key') ?? '', new RegExp(`(^| )story:${ids.pol69}( |$)`));
      assert.match(again.res.headers.get('cache-tag') ?? '', new RegExp(`(^|,)story:${ids.pol69}(,|$)`));
      assert.match(
        again.res.headers.get('content-security-policy') ?? '',
        /default-src 'self'/,
        'security headers on hits too',
      );
      // app.request() does not decode, so the brotli body is bytes; the identity hit must equal the first render.
      const plain = await get('/');
      assert.equal(plain.cache, 'HIT');
      assert.equal(plain.res.headers.get('content-encoding'), null);
      assert.equal(plain.body, first.body);
      const gz = await t.request('/', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers.get('content-encoding'), 'gzip');
      const firstReader = await t.request('/sections/world', { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(firstReader.headers.get('x-cache'), 'MISS');
      assert.equal(firstReader.headers.get('content-encoding'), 'br', 'the first reader gets the page compressed too');

      const etag = plain.res.headers.get('etag')!;
      assert.match(etag, /^"[A-Za-z0-9_-]+"$/, 'a strong ETag');
      const notModified = await t.request('/', { headers: { 'if-none-match': etag } });
      assert.equal(notModified.status, 304);
      assert.equal(await notModified.text(), '');
      const brEtag = again.res.headers.get('etag')!;
      assert.notEqual(brEtag, etag, 'each encoding has its own strong validator');
      assert.equal(
        (await t.request('/', { headers: { 'if-none-match': brEtag, 'accept-encoding': 'br' } })).status,
        304,
      );
      assert.equal((await t.request('/', { headers: { 'if-none-match': '"something-else"' } })).status, 200);
    });

    test('a publish appears at once on every page that lists it, and unrelated pages stay cached', async () => {
      const older = first20Politics();
      deepPage = older;
      for (const path of [...warm, `/stories/${slugs.host}`, deepPage]) await get(path);
      assert.equal((await get(deepPage)).cache, 'MISS', 'a URL with a query string is kept from its second request on');
      for (const path of [...warm, `/stories/${slugs.host}`, deepPage])
        assert.equal((await get(path)).cache, 'HIT', path);

      const fresh = await makeStory(t.deps, {
        headline: 'Breaking: grid restored',
        sectionId: europe,
        tagIds: [tagId],
        authorIds: [authorA],
      });
      // No await, no settling: the very next request must show it.
      for (const path of [
        '/',
        '/sections/world',
        '/sections/europe',
        '/tags/energy',
        '/authors/ada-writer',
        `/stories/${slugs.host}`,
      ]) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        has(r.body, /Breaking: grid restored/, path);
      }
      for (const path of ['/sections/politics', '/authors/bo-writer', deepPage]) {
        const r = await get(path);
        assert.equal(r.cache, 'HIT', `${path} does not show the new story and must stay cached`);
        hasNot(r.body, /Breaking: grid restored/);
      }
      const own = await get(`/stories/${fresh.slug}`);
      assert.equal(own.res.status, 200);
    });

    test('an update reaches the pages that show the story, even deep in an archive, and nothing else', async () => {
      for (const path of [...warm, deepPage, `/stories/${slugs.host}`, `/stories/${slugs.pol1}`]) await get(path);
      // pol0 is the oldest story: shown on the deep home page, on its own page and as an embed in the host story.
      const deep = await get(deepPage);
      has(deep.body, /Politics story 0</);
      await updateStory(t.deps, ids.pol0!, { headline: 'Politics story zero, corrected' }, 'test');
      for (const path of [deepPage, `/stories/${slugs.host}`]) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        has(r.body, /Politics story zero, corrected/, path);
      }
      for (const path of ['/', '/sections/europe', '/tags/energy', '/authors/ada-writer', `/stories/${slugs.pol1}`])
        assert.equal((await get(path)).cache, 'HIT', `${path} does not show the old story`);
    });

    test('publishing an embedded draft refreshes the page that embeds it', async () => {
      const before = await get(`/stories/${slugs.host}`);
      hasNot(before.body, /Embargoed report/);
      assert.equal((await get(`/stories/${slugs.host}`)).cache, 'HIT');
      await updateStory(t.deps, ids.draft!, { status: 'published', publishedAt: base + 75 * HOUR }, 'test');
      const after = await get(`/stories/${slugs.host}`);
      assert.equal(after.cache, 'MISS');
      has(after.body, /class="embed"[\s\S]*?Embargoed report/);
    });

    test('unpublishing removes a story from every list at once', async () => {
      const target = await makeStory(t.deps, { headline: 'Soon withdrawn', sectionId: politics, authorIds: [authorB] });
      for (const path of ['/', '/sections/politics', '/authors/bo-writer'])
        has((await get(path)).body, /Soon withdrawn/);
      for (const path of ['/', '/sections/politics', '/authors/bo-writer'])
        assert.equal((await get(path)).cache, 'HIT');
      await updateStory(t.deps, target.id, { status: 'draft' }, 'test');
      for (const path of ['/', '/sections/politics', '/authors/bo-writer'])
        hasNot((await get(path)).body, /Soon withdrawn/, path);
      assert.equal((await get(`/stories/${target.slug}`)).res.status, 404);
    });

    test('personal requests, errors and other methods are never served from or stored in the cache', async () => {
      await get('/sections/politics');
      const withCookie = await get('/sections/politics', { cookie: 'session=abc' });
      assert.equal(withCookie.cache, 'BYPASS');
      assert.match(withCookie.res.headers.get('cache-control') ?? '', /private/);
      assert.equal(withCookie.res.headers.get('surrogate-key'), null);
      const withAuth = await get('/', { authorization: 'Bearer x' });
      assert.equal(withAuth.cache, 'BYPASS');
      assert.equal((await get('/stories/no-such-story')).res.status, 404);
      assert.equal(t.deps.cache.has('/stories/no-such-story'), false);
      assert.equal((await get('/stories/no-such-story')).cache, null);
      const post = await t.request('/', { method: 'POST' });
      assert.notEqual(post.headers.get('x-cache'), 'HIT');
      for (const path of ['/desk/trap', '/live/trap', '/cookie-trap']) {
        await get(path);
        assert.notEqual((await get(path)).cache, 'HIT', path);
        assert.equal(t.deps.cache.has(path), false, path);
      }
    });

    /** The URL of a home page deep enough (the oldest twenty stories) that only old stories are on it. */
    function first20Politics(): string {
      const cursor = Buffer.from(`${base + 20 * HOUR}.${ids.pol20}`).toString('base64url');
      return `/?before=${cursor}`;
    }
  });
}

for (const dialect of DIALECTS) {
  describe(`CDN purge webhook (${dialect})`, () => {
    let t: TestApp;
    let hook: HttpReceiver;
    before(async () => {
      hook = await startHttpReceiver();
      t = await createTestApp(dialect, { env: { PURGE_WEBHOOK_URL: `${hook.url}/purge` } });
    });
    after(async () => {
      await t.close();
      await hook.close();
    });

    test('every invalidation POSTs its surrogate keys to PURGE_WEBHOOK_URL', async () => {
      const section = await makeSection(t.deps, { name: 'Hooked' });
      const story = await makeStory(t.deps, { headline: 'Hooked story', sectionId: section.id });
      const heard = await waitFor(() => hook.received.find((r) => r.body.includes(`"story:${story.id}"`)), {
        message: 'the hook to hear the publish',
      });
      assert.equal(heard.method, 'POST');
      assert.equal(heard.path, '/purge');
      const purge = JSON.parse(heard.body) as { keys: string[] };
      for (const key of [`story:${story.id}`, 'home', `section:${section.id}`, 'feed:home', 'newsfeed'])
        assert.ok(purge.keys.includes(key), key);
      assert.equal(heard.headers['xkey-purge'], purge.keys.join(' '), 'the same keys for Varnish’s xkey');
    });
  });
}
