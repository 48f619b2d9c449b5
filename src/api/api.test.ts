import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { updateStory } from '../stories/story.service.js';

type Page = { data: { id: number; [k: string]: unknown }[]; next: string | null };
const json = async <T = Page>(t: TestApp, path: string, init?: RequestInit): Promise<T> => {
  const res = await t.request(path, init);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return (await res.json()) as T;
};

for (const dialect of DIALECTS) {
  describe(`content API (${dialect})`, () => {
    let t: TestApp;
    const made: { id: number; at: number; section: string; tag: boolean; author: boolean }[] = [];
    let authorSlug: string, tagSlug: string, imgId: number, draftSlug: string, richSlug: string;
    before(async () => {
      t = await createTestApp(dialect);
      const world = await makeSection(t.deps, { name: 'World' });
      const europe = await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const sport = await makeSection(t.deps, { name: 'Sport' });
      const img = await makeImage(t.deps);
      imgId = img.id;
      const author = await makeAuthor(t.deps, { name: 'Api Reporter' });
      await t.deps.db.updateTable('authors').set({ user_id: 4242 }).where('id', '=', author.id).execute();
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Rivers');
      tagSlug = tag.slug;
      const base = Date.UTC(2026, 2, 1);
      for (let i = 0; i < 27; i++) {
        const section = i % 3 === 0 ? world : i % 3 === 1 ? europe : sport;
        const at = base + (i === 5 ? 4 : i) * 3600_000;
        const s = await makeStory(t.deps, {
          headline: `Api story ${i}`,
          sectionId: section.id,
          tagIds: i % 4 === 0 ? [tag.id] : [],
          authorIds: i % 2 === 0 ? [author.id] : [],
          publishedAt: at,
          heroImageId: i % 5 === 0 ? img.id : null,
        });
        made.push({ id: s.id, at, section: section.slug, tag: i % 4 === 0, author: i % 2 === 0 });
      }
      const linked = made[0]!.id;
      const rich = await makeStory(t.deps, {
        headline: 'Rich body <em>story</em>',
        sectionId: world.id,
        publishedAt: base - 86_400_000,
        body: {
          version: 1,
          blocks: [
            {
              type: 'paragraph',
              content: [{ text: 'See ' }, { text: 'the map', href: '/sections/world' }, { text: ' & <b>more</b>.' }],
            },
            { type: 'image', imageId: img.id, alt: 'Bridge' },
            { type: 'embed', storyId: linked },
          ],
        },
      });
      richSlug = rich.slug;
      draftSlug = (await makeStory(t.deps, { headline: 'Draft never shown', status: 'draft', sectionId: world.id }))
        .slug;
    });
    after(() => t.close());

    const newestFirst = (xs: typeof made) => [...xs].sort((a, b) => b.at - a.at || b.id - a.id).map((x) => x.id);

    const walk = async (path: string) => {
      const ids: number[] = [];
      let next: string | null = null;
      for (let n = 0; n < 20; n++) {
        const sep = path.includes('?') ? '&' : '?';
        const page: Page = await json(t, next ? `${path}${sep}cursor=${next}` : path);
        ids.push(...page.data.map((d) => d.id));
        next = page.next;
        if (!next) break;
      }
      return ids;
    };

    test('stories: keyset pages walk every published story once, newest first; drafts never appear', async () => {
      const ids = await walk('/api/v1/stories?limit=7');
      const all = newestFirst(made);
      assert.deepEqual(
        ids.filter((id) => all.includes(id)),
        all,
      );
      assert.equal(ids.length, all.length + 1, 'plus the rich story, without the draft');
      const res = await t.request(`/api/v1/stories/${draftSlug}`);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: 'not_found', message: 'We could not find that story.' } });
    });

    test('stories: filters by section (with children), tag, author and time', async () => {
      assert.deepEqual(
        await walk('/api/v1/stories?section=world&limit=50').then((x) => x.filter((id) => id !== made.at(-1)!.id + 1)),
        newestFirst(made.filter((m) => m.section !== 'sport')),
      );
      assert.deepEqual(
        await walk('/api/v1/stories?section=europe'),
        newestFirst(made.filter((m) => m.section === 'europe')),
      );
      assert.deepEqual(await walk(`/api/v1/stories?tag=${tagSlug}&limit=2`), newestFirst(made.filter((m) => m.tag)));
      assert.deepEqual(
        await walk(`/api/v1/stories?author=${authorSlug}&section=sport`),
        newestFirst(made.filter((m) => m.author && m.section === 'sport')),
      );
      const since = new Date(Date.UTC(2026, 2, 1, 20)).toISOString();
      assert.deepEqual(
        await walk(`/api/v1/stories?since=${since}&until=2026-03-01T23:00:00Z`),
        newestFirst(made.filter((m) => m.at >= Date.UTC(2026, 2, 1, 20) && m.at < Date.UTC(2026, 2, 1, 23))),
      );
      assert.deepEqual(
        await walk('/api/v1/stories?until=2026-03-01'),
        [made.at(-1)!.id + 1],
        'a bare date is midnight UTC',
      );
    });

    test('a story carries its body as the document and as HTML with absolute links; no private fields', async () => {
      const { data } = await json<{ data: Record<string, any> }>(t, `/api/v1/stories/${richSlug}`);
      assert.equal(data.headline, 'Rich body <em>story</em>');
      assert.equal(data.url, `http://news.test/stories/${richSlug}`);
      assert.equal(data.body.document.version, 1);
      assert.equal(data.body.document.blocks.length, 3);
      const html: string = data.body.html;
      assert.match(
        html,
        /<a href="http:\/\/news\.test\/sections\/world">the map<\/a> &amp; &lt;b&gt;more&lt;\/b&gt;\./,
      );
      assert.match(html, /<img [^>]*src="http:\/\/news\.test\/media\//);
      assert.match(html, /href="http:\/\/news.test\/stories\/api-story-0"/, 'the embedded story card');
      assert.equal(data.section.slug, 'world');
      const text =
        JSON.stringify(await json(t, '/api/v1/authors')) +
        JSON.stringify(data) +
        JSON.stringify(await json(t, '/api/v1/stories?limit=100'));
      for (const secret of ['user_id', 'userId', '4242', 'Draft never shown', 'status'])
        assert.ok(!text.includes(secret), secret);
      const author = await json<{ data: Record<string, unknown> }>(t, `/api/v1/authors/${authorSlug}`);
      assert.deepEqual(Object.keys(author.data).sort(), [
        'avatar',
        'bio',
        'id',
        'links',
        'name',
        'roleTitle',
        'shortBio',
        'slug',
        'url',
      ]);
    });

    test('the feed, sections, tags and authors', async () => {
      const feed = await walk('/api/v1/feed?limit=10');
      assert.deepEqual(feed.slice(0, 27), newestFirst(made));
      const sections = await json<{ data: { slug: string; parentId: number | null; id: number }[] }>(
        t,
        '/api/v1/sections',
      );
      const world = sections.data.find((s) => s.slug === 'world')!;
      assert.equal(sections.data.find((s) => s.slug === 'europe')!.parentId, world.id);
      for (let i = 0; i < 5; i++) await makeTag(t.deps, `Extra ${dialect} ${i}`);
      const tags = await walk('/api/v1/tags?limit=2');
      assert.equal(tags.length, 6);
      assert.deepEqual(
        tags,
        [...tags].sort((a, b) => a - b),
      );
      assert.equal((await walk('/api/v1/authors?limit=1')).length, 1);
      // The tag cursor carries the id alone now; a token of the earlier layout (`0.<id>`) still continues there.
      const firstPage = await json(t, '/api/v1/tags?limit=2');
      assert.ok(firstPage.next);
      assert.ok(!Buffer.from(firstPage.next, 'base64url').toString().includes('.'), 'no unused time part');
      const legacy = Buffer.from(`0.${firstPage.data[1]!.id}`).toString('base64url');
      const viaLegacy = await json(t, `/api/v1/tags?limit=2&cursor=${legacy}`);
      const viaNew = await json(t, `/api/v1/tags?limit=2&cursor=${firstPage.next}`);
      assert.deepEqual(
        viaLegacy.data.map((d) => d.id),
        viaNew.data.map((d) => d.id),
      );
      assert.deepEqual(
        viaNew.data.map((d) => d.id),
        tags.slice(2, 4),
      );
    });

    test('CORS lets any origin GET, and answers preflight', async () => {
      const res = await t.request('/api/v1/sections', { headers: { Origin: 'https://app.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/i);
      const pre = await t.request('/api/v1/stories', {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /GET/);
    });

    test('strong ETags: 304 when unchanged, a new tag when the content changes', async () => {
      const path = `/api/v1/stories/${richSlug}`;
      const first = await t.request(path);
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"[A-Za-z0-9_-]{20,}"$/, 'strong (no W/)');
      assert.match(first.headers.get('cache-control') ?? '', /max-age/);
      const again = await t.request(path, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      assert.equal((await t.request(path, { headers: { 'If-None-Match': `"other", ${etag}` } })).status, 304);
      assert.equal((await t.request(path, { headers: { 'If-None-Match': '"other"' } })).status, 200);
      const id = (await json<{ data: { id: number } }>(t, path)).data.id;
      await updateStory(t.deps, id, { dek: 'A new dek' }, 'test');
      const changed = await t.request(path, { headers: { 'If-None-Match': etag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    test('search as JSON: ranked hits with escaped, marked snippets', async () => {
      const res = await json<{ data: { id: number; headlineHtml: string; snippetHtml: string; score: number }[] }>(
        t,
        '/api/v1/search?q=rich',
      );
      assert.equal(res.data.length, 1);
      assert.equal(res.data[0]!.headlineHtml, '<mark>Rich</mark> body &lt;em&gt;story&lt;/em&gt;');
      const more = await json<{ data: { snippetHtml: string }[] }>(t, '/api/v1/search?q=map');
      assert.match(more.data[0]!.snippetHtml, /<mark>map<\/mark> &amp; /);
      assert.ok(!more.data[0]!.snippetHtml.includes('<b>'));
      // PostgreSQL's ts_headline drops tag-like tokens from passages; SQLite keeps them, escaped.
      if (dialect === 'sqlite')
        assert.match(more.data[0]!.snippetHtml, /<mark>map<\/mark> &amp; &lt;b&gt;more&lt;\/b&gt;/);
    });

    test('bad input is a JSON 4xx that says what is wrong, never a 500', async () => {
      const cases: [string, number, RegExp][] = [
        ['/api/v1/stories?limit=0', 400, /limit/],
        ['/api/v1/stories?limit=abc', 400, /limit/],
        ['/api/v1/stories?limit=101', 400, /at most 100/],
        ['/api/v1/stories?cursor=!!', 400, /not valid/],
        [`/api/v1/stories?cursor=${'A'.repeat(300)}`, 400, /not valid/],
        [`/api/v1/tags?cursor=${Buffer.from('1.2').toString('base64url')}`, 400, /not valid/],
        [`/api/v1/search?q=a&cursor=${Buffer.from('1.2').toString('base64url')}`, 400, /not valid/],
        ['/api/v1/stories?section=Not A Slug', 400, /section/],
        ['/api/v1/stories?section=nowhere', 400, /no section/],
        ['/api/v1/stories?tag=nothing', 400, /no tag/],
        ['/api/v1/stories?author=nobody', 400, /no author/],
        ['/api/v1/stories?since=yesterday', 400, /since/],
        ['/api/v1/stories?since=2026-02-31T99:99', 400, /since/],
        ['/api/v1/stories/NOT_A_SLUG', 404, /story/],
        ['/api/v1/authors/nobody', 404, /author/],
        ['/api/v1/search', 400, /"q"/],
        [`/api/v1/search?q=${'x'.repeat(300)}`, 400, /200 characters/],
        ['/api/v1/search?q=a&from=2026-99-01', 400, /from/],
        ['/api/v1/nothing-here', 404, /could not find/],
      ];
      for (const [path, status, message] of cases) {
        const res = await t.request(path);
        assert.equal(res.status, status, path);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.match(body.error.message, message, path);
        assert.equal(typeof body.error.code, 'string');
      }
      assert.equal((await t.request('/api/v1/search?q=%22*%20NEAR%20(')).status, 200, 'operators are just text');
      assert.equal((await t.request(`/api/v1/stories?limit=1&cursor=${'A'.repeat(40)}`)).status, 400);
      void imgId;
    });
  });
}
