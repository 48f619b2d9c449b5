import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { makeImage, makeSection, makeStory, p } from '../../test/support/factories.js';
import { escapeLike } from '../stories/story-headline.repo.js';

const json = { headers: { accept: 'application/json' } };

for (const dialect of DIALECTS) {
  describe(`editor routes: related-story search and preview (${dialect})`, () => {
    let t: TestApp;
    let desk: DeskClient;
    let sectionId: number;
    const ids: Record<string, number> = {};
    before(async () => {
      t = await createTestApp(dialect);
      desk = await signedIn(t, 'editor');
      sectionId = (await makeSection(t.deps, { name: 'City' })).id;
      const base = Date.UTC(2026, 5, 1);
      const mk = async (key: string, headline: string, status: 'published' | 'draft', i: number) => {
        ids[key] = (
          await makeStory(t.deps, {
            headline,
            status,
            sectionId,
            publishedAt: status === 'published' ? base + i * 60_000 : null,
          })
        ).id;
      };
      await mk('bridge', 'Bridge reopens on time', 'published', 1);
      await mk('percent', 'Turnout reached 100% in one district', 'published', 2);
      await mk('underscore', 'File name snake_case explained', 'published', 3);
      await mk('bridge2', 'New BRIDGE tolls announced', 'published', 4);
      await mk('draft', 'Bridge draft nobody may embed', 'draft', 5);
    });
    after(() => t.close());

    const search = async (qs: string) => {
      const res = await desk.request(`/desk/api/stories/search?${qs}`, json);
      return {
        status: res.status,
        body: (await res.json()) as {
          stories?: { id: number; headline: string; url: string }[];
          error?: { message: string };
        },
      };
    };

    test('headline search finds published stories, case-insensitively, newest first; drafts never', async () => {
      const { status, body } = await search('q=bridge');
      assert.equal(status, 200);
      assert.deepEqual(
        body.stories!.map((s) => s.id),
        [ids.bridge2, ids.bridge],
      );
      assert.equal(body.stories![1]!.url, '/stories/bridge-reopens-on-time');
    });

    test('LIKE wildcards in the query match only themselves', async () => {
      assert.equal(escapeLike('50%_a\\b'), '50\\%\\_a\\\\b');
      assert.deepEqual(
        (await search('q=100%25')).body.stories!.map((s) => s.id),
        [ids.percent],
      );
      assert.deepEqual(
        (await search('q=%25')).body.stories!.map((s) => s.id),
        [ids.percent],
      );
      assert.deepEqual(
        (await search('q=_')).body.stories!.map((s) => s.id),
        [ids.underscore],
      );
      assert.deepEqual((await search(`q=${encodeURIComponent("' OR 1=1 --")}`)).body.stories, []);
      assert.deepEqual((await search('q=')).body.stories, []);
    });

    test('ids= returns those published stories in the order asked; bad input is a clear 400', async () => {
      assert.deepEqual(
        (await search(`ids=${ids.percent},${ids.draft},${ids.bridge}`)).body.stories!.map((s) => s.id),
        [ids.percent, ids.bridge],
      );
      const long = await search(`q=${'x'.repeat(201)}`);
      assert.equal(long.status, 400);
      assert.match(long.body.error!.message, /at most 200 characters/);
      const bad = await search('ids=1;drop');
      assert.equal(bad.status, 400);
      assert.match(bad.body.error!.message, /comma-separated list of story ids/);
    });

    test('preview renders the reader page of a draft, marked, uncached and not indexed', async () => {
      const img = await makeImage(t.deps, { alt: 'Hero alt' });
      const draft = await makeStory(t.deps, {
        headline: 'Council <script>window.x=1</script> draft',
        status: 'draft',
        sectionId,
        heroImageId: img.id,
        body: {
          version: 1,
          blocks: [
            p('Body text of the draft.'),
            { type: 'quote', content: [{ text: 'A quote' }], attribution: 'Someone' },
            { type: 'embed', storyId: ids.bridge! },
          ],
        },
      });
      assert.equal((await t.request(`/stories/${draft.slug}`)).status, 404, 'not public');
      const res = await desk.request(`/desk/stories/${draft.id}/preview`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.get('x-robots-tag') ?? '', /noindex/);
      const html = await res.text();
      assert.match(html, /<meta name="robots" content="noindex, nofollow"/);
      assert.match(html, /class="preview-banner"[^>]*>.*Preview.*not public/s);
      assert.match(html, /<h1>Council &lt;script&gt;window.x=1&lt;\/script&gt; draft<\/h1>/);
      assert.ok(!html.includes('<script>window.x'));
      assert.match(html, /<blockquote><p>A quote<\/p><footer>— Someone<\/footer><\/blockquote>/);
      assert.match(html, /<aside class="embed"[^>]*>.*Bridge reopens on time/s);
      assert.match(html, /<figure class="hero">/);
      assert.equal((await desk.request('/desk/stories/999999/preview')).status, 404);
      assert.equal((await desk.request('/desk/stories/abc/preview')).status, 404);
    });

    test('the preview of a published story shows its newest saved revision while readers still see the live one', async () => {
      const live = await makeStory(t.deps, {
        headline: 'Live headline',
        sectionId,
        body: { version: 1, blocks: [p('Live words.')] },
      });
      const saved = await desk.postJson(`/desk/api/stories/${live.id}`, {
        baseRevision: 0,
        story: { headline: 'Pending headline', body: { version: 1, blocks: [p('Pending words.')] } },
      });
      assert.equal(saved.status, 200, await saved.clone().text());
      const preview = await (await desk.request(`/desk/stories/${live.id}/preview`)).text();
      assert.match(preview, /<h1>Pending headline<\/h1>/);
      assert.match(preview, /Pending words\./);
      const reader = await (await t.request(`/stories/${live.slug}`)).text();
      assert.match(reader, /<h1>Live headline<\/h1>/);
      assert.ok(!reader.includes('Pending words.'));
    });

    test('signed out, search and preview are refused', async () => {
      const anon = deskClient(t);
      assert.equal((await anon.request('/desk/api/stories/search?q=bridge', json)).status, 401);
      const page = await anon.request(`/desk/stories/${ids.bridge}/preview`);
      assert.equal(page.status, 303);
      assert.match(page.headers.get('location') ?? '', /^\/desk\/login/);
    });

    test('the editor bundle and its stylesheet are served, revalidated by ETag', async () => {
      const res = await t.request('/desk/assets/editor.js', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/javascript/);
      assert.equal(res.headers.get('content-encoding'), 'gzip');
      const etag = res.headers.get('etag')!;
      assert.ok(etag);
      const again = await t.request('/desk/assets/editor.js', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      const plain = await (await t.request('/desk/assets/editor.js')).text();
      assert.match(plain, /story-form/);
      assert.ok(!/ZodError/.test(plain), 'the browser bundle does not carry zod');
      const css = await t.request('/desk/assets/editor.css');
      assert.equal(css.status, 200);
      assert.match(await css.text(), /\.editor-toolbar/);
    });
  });
}
