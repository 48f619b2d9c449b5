import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeStory, p } from '../../test/support/factories.js';

/** Number.MAX_SAFE_INTEGER: the far-future schedule that once stayed stored and broke the desk for everyone. */
const FAR = 9007199254740991;

for (const dialect of DIALECTS) {
  describe(`times outside the accepted range (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    before(async () => {
      t = await createTestApp(dialect);
      editor = await signedIn(t, 'editor', { name: 'Edith' });
      await editor.refreshCsrf('/desk/stories');
    });
    after(() => t.close());

    const stored = async (id: number) => {
      const story = await t.deps.db
        .selectFrom('stories')
        .select(['status', 'published_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const comments = await t.deps.db.selectFrom('story_comments').select('kind').where('story_id', '=', id).execute();
      const pending = await t.deps.db.selectFrom('story_pending').select('id').where('story_id', '=', id).execute();
      return {
        status: story.status,
        publishedAt: story.published_at === null ? null : Number(story.published_at),
        comments: comments.length,
        pending: pending.length,
      };
    };

    test('a far-future schedule is a 400 naming the range, and nothing is stored', async () => {
      const s = await makeStory(t.deps, { status: 'draft' });
      const before = await stored(s.id);
      for (const at of [FAR, 8.64e15 + 1, -1, '0001-01-01T00:00', '+275760-09-13T00:00:00Z']) {
        const res = await editor.postJson(`/desk/api/stories/${s.id}/schedule`, { at });
        assert.equal(res.status, 400, String(at));
        const { error } = await res.json();
        assert.match(error.message, /between 1970-01-01 and 9999-12-31/, String(at));
      }
      const eleven = await editor.postJson(`/desk/api/stories/${s.id}/schedule`, {
        at: Date.now() + 11 * 366 * 86_400_000,
      });
      assert.equal(eleven.status, 400);
      assert.match((await eleven.json()).error.message, /within the next ten years \(before \d{4}-\d{2}-\d{2}\)/);
      // The desk form says the same, on the editor page again.
      const form = await editor.postForm(`/desk/stories/${s.id}/schedule`, { at: '0001-01-01T00:00' });
      assert.equal(form.status, 400);
      assert.match(await form.text(), /between 1970-01-01 and 9999-12-31/);
      assert.deepEqual(await stored(s.id), before);
      assert.equal((await editor.get('/desk/stories')).status, 200);
      assert.equal((await editor.get(`/desk/stories/${s.id}/edit`)).status, 200);
      // A sane schedule still works.
      const ok = await editor.postJson(`/desk/api/stories/${s.id}/schedule`, { at: Date.now() + 86_400_000 });
      assert.equal(ok.status, 200);
    });

    test('a scheduled update of a live story far in the future is refused before anything is written', async () => {
      const s = await makeStory(t.deps, { status: 'published' });
      const save = await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 0,
        story: { headline: 'Changed headline', body: { version: 1, blocks: [p('Changed.')] }, sectionId: s.section_id },
      });
      assert.ok(save.status < 300, await save.clone().text());
      const before = await stored(s.id);
      const res = await editor.postJson(`/desk/api/stories/${s.id}/schedule`, { at: FAR });
      assert.equal(res.status, 400);
      assert.deepEqual(await stored(s.id), before);
      assert.equal(before.pending, 0);
    });

    test('API since/until and search from/to outside the range are a 400 with the range', async () => {
      for (const path of [
        '/api/v1/stories?since=0001-01-01',
        '/api/v1/stories?until=1969-12-31T23:59:59Z',
        '/api/v1/search?q=x&from=0001-01-01',
        '/api/v1/search?q=x&to=1969-12-31',
      ]) {
        const res = await t.request(path);
        assert.equal(res.status, 400, path);
        assert.match((await res.json()).error.message, /between 1970-01-01 and 9999-12-31/, path);
      }
      const page = await t.request('/search?q=x&from=0001-01-01');
      assert.equal(page.status, 400);
      assert.match(await page.text(), /between 1970-01-01 and 9999-12-31/);
    });

    test('the story service refuses an out-of-range published or updated time', async () => {
      await assert.rejects(makeStory(t.deps, { status: 'published', publishedAt: FAR }), /between 1970-01-01/);
      await assert.rejects(makeStory(t.deps, { status: 'published', updatedAt: FAR }), /between 1970-01-01/);
    });

    test('pages render even with out-of-range times written straight into the database', async () => {
      const scheduled = await makeStory(t.deps, { status: 'draft', headline: 'Scheduled far away' });
      const live = await makeStory(t.deps, { status: 'published', headline: 'Live, stamped oddly' });
      await t.deps.db
        .updateTable('stories')
        .set({ status: 'scheduled', published_at: FAR, updated_at: FAR })
        .where('id', '=', scheduled.id)
        .execute();
      await t.deps.db.updateTable('stories').set({ updated_at: FAR }).where('id', '=', live.id).execute();
      await t.deps.db
        .insertInto('story_comments')
        .values({
          story_id: scheduled.id,
          user_id: editor.user!.id,
          user_name: 'Edith',
          kind: 'comment',
          body: 'From the far future',
          created_at: -FAR,
        })
        .execute();
      t.deps.events.publish({ type: 'story.updated', id: live.id, actor: 'test' });
      t.deps.events.publish({ type: 'story.updated', id: scheduled.id, actor: 'test' });

      const list = await editor.get('/desk/stories');
      assert.equal(list.status, 200, await list.clone().text());
      assert.match(await list.text(), /Scheduled far away[\s\S]*an invalid time \(9007199254740991\)/);
      for (const id of [scheduled.id, live.id]) {
        const edit = await editor.get(`/desk/stories/${id}/edit`);
        assert.equal(edit.status, 200, `edit ${id}`);
        assert.equal((await editor.get(`/desk/stories/${id}/revisions`)).status, 200, `revisions ${id}`);
        assert.equal((await editor.get(`/desk/api/stories/${id}`)).status, 200, `desk api ${id}`);
      }
      assert.match(await (await editor.get(`/desk/stories/${scheduled.id}/edit`)).text(), /an invalid time/);
      for (const path of [
        `/stories/${live.slug}`,
        '/',
        '/feed.rss',
        '/feed.atom',
        '/feed.json',
        '/sitemap.xml',
        '/sitemaps/stories-1.xml',
        '/sitemaps/news.xml',
        '/api/v1/stories',
        `/api/v1/stories/${live.slug}`,
        '/api/v1/feed',
      ]) {
        const res = await t.request(path);
        assert.ok(res.status < 500, `${path} answered ${res.status}`);
      }
      // Unpublishing through the desk still works, so the value can be put right.
      const down = await editor.postJson(`/desk/api/stories/${scheduled.id}/unpublish`, {});
      assert.equal(down.status, 200, await down.clone().text());
    });
  });
}
