import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { updateStory } from '../stories/story.service.js';

const HOUR = 3600_000;

for (const dialect of DIALECTS) {
  describe(`feeds, the content API and search in the render cache (${dialect})`, () => {
    let t: TestApp;
    let europe: number, politics: number, tagId: number, authorA: number, authorB: number;
    let embedded: { id: number; slug: string }, host: { id: number; slug: string };
    const base = Date.now() - 100 * HOUR;

    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await t.request(path, { headers });
      const body = await res.text();
      await t.deps.cache.settled();
      return { res, body, cache: res.headers.get('x-cache'), status: res.status };
    };

    before(async () => {
      t = await createTestApp(dialect);
      const world = (await makeSection(t.deps, { name: 'World' })).id;
      europe = (await makeSection(t.deps, { name: 'Europe', parent_id: world })).id;
      politics = (await makeSection(t.deps, { name: 'Politics' })).id;
      tagId = (await makeTag(t.deps, 'Energy')).id;
      authorA = (await makeAuthor(t.deps, { name: 'Ada Feedwriter' })).id;
      authorB = (await makeAuthor(t.deps, { name: 'Bo Feedwriter' })).id;
      for (let i = 0; i < 5; i++)
        await makeStory(t.deps, {
          headline: `Politics item ${i}`,
          sectionId: politics,
          authorIds: [authorB],
          publishedAt: base + i * HOUR,
        });
      embedded = await makeStory(t.deps, {
        headline: 'Old explainer',
        sectionId: politics,
        authorIds: [authorB],
        publishedAt: base - HOUR,
      });
      host = await makeStory(t.deps, {
        headline: 'Europe host',
        sectionId: europe,
        authorIds: [authorA],
        tagIds: [tagId],
        publishedAt: base + 10 * HOUR,
        body: { version: 1, blocks: [p('Intro.'), { type: 'embed', storyId: embedded.id }] },
      });
    });
    after(() => t.close());

    test('a feed is served from memory, and its validators agree whether the answer is rendered or a hit', async () => {
      const first = await get('/feed.xml');
      assert.equal(first.status, 200);
      assert.equal(first.cache, 'MISS');
      assert.match(first.res.headers.get('content-type') ?? '', /application\/rss\+xml/);
      const etag = first.res.headers.get('etag')!;
      const modified = first.res.headers.get('last-modified')!;
      assert.ok(etag && modified);
      assert.match(first.res.headers.get('surrogate-key') ?? '', /(^| )feed:home( |$)/);
      assert.match(
        first.res.headers.get('cache-control') ?? '',
        /^public, max-age=60, s-maxage=\d+, stale-while-revalidate=\d+$/,
        'readers poll a minute; a CDN keeps it until purged',
      );
      assert.match(
        first.res.headers.get('surrogate-key') ?? '',
        new RegExp(`(^| )story:${embedded.id}( |$)`),
        'the embedded card is in the feed body',
      );

      const hit = await get('/feed.xml');
      assert.equal(hit.cache, 'HIT');
      assert.equal(hit.body, first.body);
      const byTag = await get('/feed.xml', { 'if-none-match': etag });
      assert.equal(byTag.status, 304, 'the ETag handed out on the miss matches the cached copy');
      assert.equal(byTag.cache, 'HIT');
      const byDate = await get('/feed.xml', { 'if-modified-since': modified });
      assert.equal(byDate.status, 304, 'a feed reader polling with If-Modified-Since gets 304 from the cache');
      assert.equal((await get('/feed.xml', { 'if-modified-since': 'Thu, 01 Jan 2004 00:00:00 GMT' })).status, 200);

      // The shell is purged (nothing really changed): the re-rendered feed is the same bytes, so still a 304.
      t.deps.events.publish({ type: 'settings.updated', id: 0, actor: 'test' });
      await t.deps.cache.idle();
      assert.equal(t.deps.cache.has('/feed.xml'), false);
      assert.equal((await get('/feed.xml', { 'if-none-match': etag })).status, 304);
      const brotli = await get('/feed.xml', { 'accept-encoding': 'br' });
      assert.equal(brotli.res.headers.get('content-encoding'), 'br');
      assert.equal(
        (await get('/feed.xml', { 'if-none-match': brotli.res.headers.get('etag')!, 'accept-encoding': 'br' })).status,
        304,
      );
    });

    test('the content API is cached too, with its CORS headers on every hit', async () => {
      for (const path of ['/api/v1/stories', '/api/v1/feed', '/api/v1/sections', `/api/v1/stories/${host.slug}`]) {
        const first = await get(path);
        assert.equal(first.status, 200, path);
        const hit = await get(path, { origin: 'https://app.example' });
        assert.equal(hit.cache, 'HIT', path);
        assert.equal(hit.body, first.body, path);
        assert.equal(hit.res.headers.get('access-control-allow-origin'), '*', path);
        assert.match(hit.res.headers.get('content-type') ?? '', /application\/json/, path);
        assert.match(hit.res.headers.get('cache-control') ?? '', /s-maxage=\d+/, path);
        assert.equal((await get(path, { 'if-none-match': first.res.headers.get('etag')! })).status, 304, path);
      }
      // With credentials the cache stays out of it; the API still validates the answer itself.
      const personal = await get('/api/v1/stories', { authorization: 'Bearer x' });
      assert.equal(personal.cache, 'BYPASS');
      const tag = personal.res.headers.get('etag');
      assert.ok(tag, 'a personal answer has its ETag too');
      assert.equal((await get('/api/v1/stories', { authorization: 'Bearer x', 'if-none-match': tag })).status, 304);
      const bad = await get('/api/v1/stories?limit=nope');
      assert.equal(bad.status, 400);
      assert.equal(t.deps.cache.has('/api/v1/stories?limit=nope'), false, 'errors are never kept');
    });

    test('a publish reaches every feed and API list that carries it at once, and nothing else', async () => {
      const europeName = (
        await t.deps.db.selectFrom('sections').select('slug').where('id', '=', europe).executeTakeFirstOrThrow()
      ).slug;
      const listing = [
        '/feed.xml',
        '/feed.json',
        '/sections/world/feed.atom',
        `/sections/${europeName}/feed.xml`,
        '/tags/energy/feed.json',
        '/authors/ada-feedwriter/feed.xml',
        '/api/v1/stories',
        '/api/v1/stories?section=world',
        '/api/v1/stories?tag=energy',
        '/api/v1/feed',
      ];
      const unrelated = [
        '/sections/politics/feed.xml',
        '/authors/bo-feedwriter/feed.atom',
        '/api/v1/stories?section=politics',
        `/api/v1/stories/${host.slug}`,
      ];
      // (A URL with a query string is kept from its second request on.)
      for (const path of [...listing, ...unrelated, ...listing, ...unrelated]) await get(path);
      for (const path of [...listing, ...unrelated]) assert.equal((await get(path)).cache, 'HIT', path);

      await makeStory(t.deps, {
        headline: 'Breaking feed item',
        sectionId: europe,
        tagIds: [tagId],
        authorIds: [authorA],
      });
      for (const path of listing) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        assert.match(r.body, /Breaking feed item/, path);
      }
      for (const path of unrelated) {
        const r = await get(path);
        assert.equal(r.cache, 'HIT', `${path} does not carry the new story and stays cached`);
        assert.doesNotMatch(r.body, /Breaking feed item/, path);
      }
    });

    test('editing an embedded story refreshes the feeds and API answers whose bodies show its card', async () => {
      for (const path of ['/feed.xml', `/api/v1/stories/${host.slug}`, '/sections/politics/feed.xml']) await get(path);
      await updateStory(t.deps, embedded.id, { headline: 'Old explainer, updated' }, 'test');
      for (const path of ['/feed.xml', `/api/v1/stories/${host.slug}`, '/sections/politics/feed.xml']) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        assert.match(r.body, /Old explainer, updated/, path);
      }
    });

    test('renaming an author refreshes the feeds that show their byline', async () => {
      for (const path of ['/authors/ada-feedwriter/feed.xml', '/feed.json', '/sections/politics/feed.json'])
        await get(path);
      await t.deps.db.updateTable('authors').set({ name: 'Ada Renamed' }).where('id', '=', authorA).execute();
      t.deps.events.publish({ type: 'author.updated', id: authorA, actor: 'test' });
      for (const path of ['/authors/ada-feedwriter/feed.xml', '/feed.json']) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        assert.match(r.body, /Ada Renamed/, path);
      }
      assert.equal((await get('/sections/politics/feed.json')).cache, 'HIT', 'Ada writes nothing in Politics');
    });

    test('search results are kept until any story changes, and then show the change at once', async () => {
      const paths = ['/search?q=turbine', '/api/v1/search?q=turbine'];
      // A URL with a query string is kept from its second request on.
      for (const path of [...paths, ...paths]) await get(path);
      for (const path of paths) {
        const r = await get(path);
        assert.equal(r.status, 200, path);
        assert.equal(r.cache, 'HIT', path);
        assert.doesNotMatch(r.body, /turbine-maker-expands/, path);
      }
      await makeStory(t.deps, { headline: 'Turbine maker expands', sectionId: politics, authorIds: [authorB] });
      for (const path of paths) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', path);
        assert.match(r.body, /turbine-maker-expands/, path);
      }
      const bad = await get('/search?q=turbine&from=not-a-date');
      assert.equal(bad.status, 400);
      assert.equal(t.deps.cache.has('/search?q=turbine&from=not-a-date'), false, 'a refused search is never kept');
    });
  });
}
