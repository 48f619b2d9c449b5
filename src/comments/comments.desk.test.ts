import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeReader, makeStory } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { tidyCommentText } from './comment.input.js';
import { postComment, reportComment } from './comment.service.js';

for (const dialect of DIALECTS) {
  describe(`the comments desk: queues, actions, bans, the log, the rules, a story's mode (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let admin: DeskClient;
    let author: DeskClient;
    let story: Story;

    before(async () => {
      t = await createTestApp(dialect);
      story = await makeStory(t.deps, { headline: 'Tram fares rise' });
      editor = await signedIn(t, 'editor', { name: 'Edna Editor' });
      admin = await signedIn(t, 'admin', { name: 'Ada Admin' });
      author = await signedIn(t, 'author', { name: 'Arthur Author' });
    });
    after(() => t.close());

    const held = async (text: string, name = 'Mykola') => {
      const reader = await makeReader(t.deps, { name });
      const { comment } = await postComment(t.deps, reader, story, { body: tidyCommentText(text) });
      return { reader, comment };
    };
    const statusOf = async (id: number) =>
      (await t.deps.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;

    test('an editor approves a waiting comment from the queue; the log says who', async () => {
      const { comment, reader } = await held('Fares were already too high.');
      const page = await (await editor.get('/desk/comments')).text();
      assert.match(page, /Waiting \(\d+\)/);
      assert.match(page, new RegExp(`<tr data-comment-id="${comment.id}" data-status="pending">`));
      assert.match(page, /On <a href="\/stories\/[a-z0-9-]+\/comments#comment-\d+">Tram fares rise<\/a>/);
      assert.match(page, /Fares were already too high\./);
      assert.ok(page.includes(reader.email), 'moderators see who wrote it');
      const res = await editor.postForm(`/desk/comments/${comment.id}/approve`, {
        back: '/desk/comments?queue=pending',
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/desk/comments?queue=pending&done=approve');
      assert.equal(await statusOf(comment.id), 'approved');
      assert.match(await (await editor.get(res.headers.get('location')!)).text(), /Approved: readers see it\./);
      const log = await (await editor.get('/desk/comments/log')).text();
      assert.match(log, /<tr data-action="approve">[\s\S]*?Edna Editor: approve[\s\S]*?Mykola/);
    });

    test('authors and contributors may not moderate; a form’s way back never leaves the comments desk', async () => {
      const { comment } = await held('Waiting.');
      assert.equal((await author.get('/desk/comments')).status, 403);
      assert.equal((await author.postForm(`/desk/comments/${comment.id}/approve`, {})).status, 403);
      assert.equal(await statusOf(comment.id), 'pending');
      const res = await editor.postForm(`/desk/comments/${comment.id}/hide`, { back: 'https://evil.example/' });
      assert.equal(res.headers.get('location'), '/desk/comments?done=hide');
      assert.equal((await editor.postForm(`/desk/comments/${comment.id}/explode`, {})).status, 404);
      assert.equal((await editor.postForm('/desk/comments/999999/approve', {})).status, 404);
    });

    test('reported comments: their reasons, and keeping one closes its reports', async () => {
      const { comment } = await held('Something reported');
      await postComment(t.deps, await makeReader(t.deps), story, { body: 'x' });
      await editor.postForm(`/desk/comments/${comment.id}/approve`, {});
      await reportComment(t.deps, await makeReader(t.deps), comment.id, 'abuse');
      await reportComment(t.deps, await makeReader(t.deps), comment.id, 'spam');
      const page = await (await editor.get('/desk/comments?queue=reported')).text();
      assert.match(page, /Reported \(1\)/);
      assert.match(page, /2 open reports: abuse, spam/);
      await editor.postForm(`/desk/comments/${comment.id}/dismiss`, {});
      assert.match(await (await editor.get('/desk/comments?queue=reported')).text(), /Nothing in this queue\./);
      assert.equal(await statusOf(comment.id), 'approved', 'kept');
    });

    test('banning a reader from commenting, and letting them again, each recorded with the note', async () => {
      const { reader } = await held('I will flood this.', 'Flooder');
      const res = await editor.postForm(`/desk/comments/readers/${reader.id}/ban`, { note: 'fifty links an hour' });
      assert.equal(res.status, 303);
      const banned = await t.deps.db
        .selectFrom('readers')
        .selectAll()
        .where('id', '=', reader.id)
        .executeTakeFirstOrThrow();
      assert.ok(banned.comments_banned_at);
      assert.match(await (await editor.get(`/desk/comments?reader=${reader.id}`)).text(), /banned from commenting/);
      await assert.rejects(postComment(t.deps, banned, story, { body: 'more' }), /stopped this account/);
      await editor.postForm(`/desk/comments/readers/${reader.id}/unban`, {});
      const log = await (await editor.get('/desk/comments/log')).text();
      assert.match(log, /Edna Editor: unban[\s\S]*Edna Editor: ban[\s\S]*?fifty links an hour/);
      assert.equal((await author.postForm(`/desk/comments/readers/${reader.id}/ban`, {})).status, 403);
    });

    test('the site’s rules: owners and admins set them through the settings service; a bad value is refused in words', async () => {
      assert.equal((await editor.get('/desk/comments/rules')).status, 403);
      const page = await (await admin.get('/desk/comments/rules')).text();
      assert.match(page, /name="enabled" checked/);
      const res = await admin.postForm('/desk/comments/rules', {
        enabled: 'on',
        close_after_days: '14',
        trusted_after: '3',
      });
      assert.equal(res.status, 303);
      const { comments, name } = await getSettings(t.deps.db);
      assert.deepEqual(comments, { enabled: true, closeAfterDays: 14, holdNewReaders: false, trustedAfter: 3 });
      assert.equal(name, 'Broadsheet', 'the other settings as they were');
      const bad = await admin.postForm('/desk/comments/rules', {
        enabled: 'on',
        close_after_days: '-1',
        trusted_after: '0',
      });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Close after: a whole number\./);
      await admin.postForm('/desk/comments/rules', {
        enabled: 'on',
        close_after_days: '0',
        hold_new_readers: 'on',
        trusted_after: '2',
      });
    });

    test('a story’s own mode from the editor’s settings panel: closed shows a read-only link; authors cannot change it', async () => {
      const s = await makeStory(t.deps);
      const editorPage = await (await editor.get(`/desk/stories/${s.id}/edit`)).text();
      assert.match(editorPage, /<div class="panel" id="reader-comments">/);
      assert.match(editorPage, /<option value="on" selected/);
      assert.doesNotMatch(await (await author.get(`/desk/stories/${s.id}/edit`)).text(), /id="reader-comments"/);
      assert.match(await (await t.request(`/stories/${s.slug}`)).text(), /join the conversation/);
      const res = await editor.postForm(`/desk/stories/${s.id}/reader-comments`, { mode: 'closed' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/desk/stories/${s.id}/edit?done=reader-comments`);
      const closed = await (await t.request(`/stories/${s.slug}`)).text();
      assert.match(closed, />Read the comments</, 'the story page was purged by the change');
      assert.match(
        await (await t.request(`/stories/${s.slug}/comments`)).text(),
        /Comments on this story are closed\./,
      );
      assert.equal((await author.postForm(`/desk/stories/${s.id}/reader-comments`, { mode: 'on' })).status, 403);
      assert.equal((await editor.postForm(`/desk/stories/${s.id}/reader-comments`, { mode: 'maybe' })).status, 400);
    });
  });
}
