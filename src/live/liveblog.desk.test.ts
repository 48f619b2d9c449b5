import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { entriesForBlog } from './liveblog.repo.js';

const slot = (html: string) => /<div id="banner-slot"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`live desk pages (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient, author: DeskClient, outsider: DeskClient, contributor: DeskClient;
    let blog: { id: number; slug: string };
    before(async () => {
      t = await createTestApp(dialect);
      editor = await signedIn(t, 'editor', { name: 'Eda Editor' });
      author = await signedIn(t, 'author', { name: 'Ana Author' });
      outsider = await signedIn(t, 'author', { name: 'Otto Outsider' });
      contributor = await signedIn(t, 'contributor');
      const sectionId = (await makeSection(t.deps, { name: 'News' })).id;
      blog = await makeStory(t.deps, {
        sectionId,
        headline: 'Flood live',
        kind: 'liveblog',
        authorIds: [author.user!.author_id!],
      });
    });
    after(() => t.close());

    test('editors post, pin, delete and end; the reader page shows the entry escaped', async () => {
      assert.equal((await editor.get(`/desk/liveblogs/${blog.id}`)).status, 200);
      assert.match(
        await (await editor.get(`/desk/stories/${blog.id}/edit`)).text(),
        new RegExp(`<a href="/desk/liveblogs/${blog.id}">Live-blog entries</a>`),
        'the story editor links to it',
      );
      const res = await editor.postForm(`/desk/liveblogs/${blog.id}/entries`, {
        headline: 'River peaks <img src=x onerror=alert(1)>',
        body: 'The river **peaked** at 6 m.\n\n<script>alert(1)</script>',
        pinned: '1',
      });
      assert.equal(res.status, 303);
      const [entry] = await entriesForBlog(t.deps.db, blog.id);
      assert.ok(entry);
      assert.equal(res.headers.get('location'), `/desk/liveblogs/${blog.id}#entry-${entry.id}`);
      assert.equal(entry.pinned, 1);
      assert.deepEqual(JSON.parse(entry.author_ids), [editor.user!.author_id]);
      const page = await (await t.request(`/stories/${blog.slug}`)).text();
      assert.ok(page.includes('River peaks &lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(!page.includes('<script>alert(1)</script>') && !page.includes('<img src=x'));
      assert.match(page, /<strong>peaked<\/strong>/);
      assert.match(page, /Eda Editor<\/a>/);

      assert.equal(
        (await editor.postForm(`/desk/liveblogs/${blog.id}/entries/${entry.id}/pin`, { pinned: '0' })).status,
        303,
      );
      assert.equal((await entriesForBlog(t.deps.db, blog.id))[0]!.pinned, 0);
      assert.equal((await editor.postForm(`/desk/liveblogs/${blog.id}/coverage`, { ended: '1' })).status, 303);
      assert.match(await (await t.request(`/stories/${blog.slug}`)).text(), /This live coverage ended/);
      const late = await editor.postForm(`/desk/liveblogs/${blog.id}/entries`, { body: 'Too late' });
      assert.equal(late.status, 409);
      assert.equal((await editor.postForm(`/desk/liveblogs/${blog.id}/coverage`, { ended: '0' })).status, 303);
      assert.equal((await editor.postForm(`/desk/liveblogs/${blog.id}/entries/${entry.id}/delete`, {})).status, 303);
      assert.equal((await entriesForBlog(t.deps.db, blog.id)).length, 0);
    });

    test('an author on the byline may post but not pin; other authors, contributors and strangers may not', async () => {
      assert.equal(
        (await author.postForm(`/desk/liveblogs/${blog.id}/entries`, { body: 'From the scene.' })).status,
        303,
      );
      const [entry] = await entriesForBlog(t.deps.db, blog.id);
      assert.equal(
        (await author.postForm(`/desk/liveblogs/${blog.id}/entries/${entry!.id}/pin`, { pinned: '1' })).status,
        403,
      );
      assert.equal((await author.postForm(`/desk/liveblogs/${blog.id}/coverage`, { ended: '1' })).status, 403);
      assert.equal((await outsider.postForm(`/desk/liveblogs/${blog.id}/entries`, { body: 'Not mine.' })).status, 403);
      assert.equal((await contributor.get(`/desk/liveblogs/${blog.id}`)).status, 403);
      const anon = deskClient(t);
      const res = await anon.get(`/desk/liveblogs/${blog.id}`);
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location') ?? '', /^\/desk\/login/);
      assert.equal((await entriesForBlog(t.deps.db, blog.id)).length, 1);
    });

    test('bad input: empty update, missing CSRF, unknown blog or entry, a story that is not a live blog', async () => {
      const empty = await editor.postForm(`/desk/liveblogs/${blog.id}/entries`, { body: '   ' });
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /An entry needs some text/);
      assert.equal(
        (await editor.postForm(`/desk/liveblogs/${blog.id}/entries`, { _csrf: 'forged', body: 'x' })).status,
        403,
      );
      assert.equal((await editor.get('/desk/liveblogs/999999')).status, 404);
      assert.equal((await editor.get('/desk/liveblogs/abc')).status, 404);
      assert.equal(
        (await editor.postForm(`/desk/liveblogs/${blog.id}/entries/999999/pin`, { pinned: '1' })).status,
        404,
      );
      const plain = await makeStory(t.deps, { headline: 'Plain story' });
      assert.equal((await editor.get(`/desk/liveblogs/${plain.id}`)).status, 409);
    });

    test('the banner: editors raise and lower it from the desk, and every page shows it', async () => {
      const story = await makeStory(t.deps, { headline: 'Dam holds' });
      assert.equal((await author.postForm('/desk/banner', { storyId: String(story.id) })).status, 403);
      const bad = await editor.postForm('/desk/banner', { storyId: 'nope' });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Enter the number of a published story/);
      assert.equal((await editor.postForm('/desk/banner', { storyId: String(story.id), label: 'Update' })).status, 303);
      assert.match(
        slot(await (await t.request('/')).text()),
        /<span class="breaking-label">Update<\/span> <a href="\/stories\/dam-holds">Dam holds<\/a>/,
      );
      assert.match(await (await editor.get('/desk/banner')).text(), /Raised: Update: Dam holds/);
      assert.equal((await editor.postForm('/desk/banner/lower', {})).status, 303);
      assert.equal(slot(await (await t.request('/')).text()).trim(), '');
    });
  });
}
