import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeReader, makeStory } from '../../test/support/factories.js';
import type { DomainEvent } from '../events/events.js';
import type { Story, User } from '../db/database.js';
import { feedEventsAfter, lastFeedEventId } from '../live/event-log.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { createUser } from '../users/user.service.js';
import { DEFAULT_COMMENT_RULES } from './comment-settings.js';
import { tidyCommentText } from './comment.input.js';
import { COMMENT_LIMITS } from './comment-limits.js';
import { loadStoryComments } from './comment.data.js';
import { commentsState, postComment, reportComment } from './comment.service.js';
import { moderationLog } from './moderation.repo.js';
import { moderateComment, setCommentsMode, setReaderBan } from './moderation.service.js';

const body = (text: string) => ({ body: tidyCommentText(text) });

for (const dialect of DIALECTS) {
  describe(`readers' comments: posting, replies, reports and moderation (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 2, 1, 12);
    let story: Story;
    let editor: User;
    let author: User;
    const events: DomainEvent[] = [];

    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
      t.deps.events.subscribe((e) => void events.push(e));
      story = await makeStory(t.deps, { headline: 'Council votes on the new bridge', publishedAt: now - 3600_000 });
      editor = await createUser(t.deps, {
        email: `ed-${dialect}@desk.test`,
        name: 'Edna Editor',
        role: 'editor',
        password: 'correct horse battery',
      });
      author = await createUser(t.deps, {
        email: `au-${dialect}@desk.test`,
        name: 'Arthur Author',
        role: 'author',
        password: 'correct horse battery',
      });
    });
    after(() => t.close());

    const code = (re: string) => (err: unknown) => {
      assert.equal((err as { code?: string }).code, re, String(err));
      return true;
    };

    test('a new reader’s first comments wait for review; once the desk approved enough of them, the next appear at once', async () => {
      const reader = await makeReader(t.deps);
      const first = await postComment(t.deps, reader, story, body('First thoughts.'));
      assert.equal(first.shown, false);
      assert.equal(first.comment.status, 'pending');
      assert.equal(events.at(-1)?.type, 'comment.held');
      assert.equal((await loadStoryComments(t.deps, story.id, null)).total, 0, 'readers do not see it yet');

      const second = await postComment(t.deps, reader, story, body('Second thoughts.'));
      await moderateComment(t.deps, editor, first.comment.id, 'approve');
      const third = await postComment(t.deps, reader, story, body('Third.'));
      assert.equal(third.shown, false, `trusted after ${DEFAULT_COMMENT_RULES.trustedAfter} approved, not one`);
      await moderateComment(t.deps, editor, second.comment.id, 'approve');
      const fourth = await postComment(t.deps, reader, story, body('Fourth, now trusted.'));
      assert.equal(fourth.shown, true);
      assert.equal(events.at(-1)?.type, 'comment.posted');
      const shown = await loadStoryComments(t.deps, story.id, null);
      assert.deepEqual(
        shown.items.map((c) => c.body),
        ['Fourth, now trusted.', 'Second thoughts.', 'First thoughts.'],
        'approved ones, newest first',
      );
    });

    test('with holding off, every comment appears at once', async () => {
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, holdNewReaders: false } }, 'test');
      try {
        const reader = await makeReader(t.deps);
        assert.equal((await postComment(t.deps, reader, story, body('Straight up.'))).shown, true);
      } finally {
        await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      }
    });

    test('replies are one level deep: a reply to a reply joins its conversation; hidden comments take no replies', async () => {
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, holdNewReaders: false } }, 'test');
      try {
        const s = await makeStory(t.deps, { headline: 'Replies' });
        const a = await makeReader(t.deps);
        const b = await makeReader(t.deps, { comment_name: 'Bee' });
        const top = (await postComment(t.deps, a, s, body('Top.'))).comment;
        const reply = (await postComment(t.deps, b, s, { ...body('A reply.'), parent: top.id })).comment;
        const deeper = (await postComment(t.deps, a, s, { ...body('A reply to the reply.'), parent: reply.id }))
          .comment;
        assert.equal(reply.parent_id, top.id);
        assert.equal(deeper.parent_id, top.id, 'joins the top-level conversation');
        const page = await loadStoryComments(t.deps, s.id, null);
        assert.equal(page.items.length, 1);
        assert.deepEqual(
          page.items[0]!.replies.map((r) => [r.body, r.name]),
          [
            ['A reply.', 'Bee'],
            ['A reply to the reply.', a.name],
          ],
        );
        assert.equal(page.total, 3);
        const other = await makeStory(t.deps);
        await assert.rejects(
          postComment(t.deps, a, other, { ...body('Wrong story.'), parent: top.id }),
          code('reply_not_found'),
        );
        await moderateComment(t.deps, editor, top.id, 'hide');
        await assert.rejects(
          postComment(t.deps, b, s, { ...body('Too late.'), parent: top.id }),
          code('reply_not_found'),
        );
      } finally {
        await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      }
    });

    test('refused: comments off or closed (by the story or by age), banned readers, empty, too long, too many links', async () => {
      const reader = await makeReader(t.deps);
      const s = await makeStory(t.deps, { publishedAt: now - 10 * 86_400_000 });
      await setCommentsMode(t.deps, editor, s.id, 'closed');
      const closed = await t.deps.db.selectFrom('stories').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
      await assert.rejects(postComment(t.deps, reader, closed, body('x')), code('comments_closed'));
      await setCommentsMode(t.deps, editor, s.id, 'off');
      const off = await t.deps.db.selectFrom('stories').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
      await assert.rejects(postComment(t.deps, reader, off, body('x')), code('comments_off'));
      await assert.rejects(setCommentsMode(t.deps, author, s.id, 'on'), /does not allow/);
      await setCommentsMode(t.deps, editor, s.id, 'on');
      const open = { ...off, comments: 'on' as const };
      assert.equal(commentsState(open, DEFAULT_COMMENT_RULES, now), 'open');
      assert.equal(commentsState(open, { ...DEFAULT_COMMENT_RULES, closeAfterDays: 7 }, now), 'closed', 'ten days old');
      assert.equal(commentsState(open, { ...DEFAULT_COMMENT_RULES, closeAfterDays: 30 }, now), 'open');
      assert.equal(commentsState(open, { ...DEFAULT_COMMENT_RULES, enabled: false }, now), 'off');
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, closeAfterDays: 7 } }, 'test');
      await assert.rejects(postComment(t.deps, reader, open, body('x')), code('comments_closed'));
      await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');

      await assert.rejects(postComment(t.deps, reader, story, body('  \n\n \t ')), code('comment_empty'));
      await assert.rejects(postComment(t.deps, reader, story, body('x'.repeat(5001))), code('comment_too_long'));
      const links = Array.from({ length: 6 }, (_, i) => `https://spam${i}.example/`).join(' ');
      await assert.rejects(postComment(t.deps, reader, story, body(links)), code('comment_too_many_links'));

      const banned = await makeReader(t.deps);
      await setReaderBan(t.deps, editor, banned.id, true, 'flooding');
      const again = await t.deps.db
        .selectFrom('readers')
        .selectAll()
        .where('id', '=', banned.id)
        .executeTakeFirstOrThrow();
      await assert.rejects(postComment(t.deps, again, story, body('Let me in.')), code('comments_banned'));
      await setReaderBan(t.deps, editor, banned.id, false);
      const unbanned = await t.deps.db
        .selectFrom('readers')
        .selectAll()
        .where('id', '=', banned.id)
        .executeTakeFirstOrThrow();
      assert.equal((await postComment(t.deps, unbanned, story, body('Back.'))).comment.status, 'pending');
      await assert.rejects(setReaderBan(t.deps, author, banned.id, true), /does not allow/);
    });

    test('the same text sent twice is one comment; a flood is cut off after the limit, and the limit passes', async () => {
      const reader = await makeReader(t.deps);
      const s = await makeStory(t.deps);
      const a = await postComment(t.deps, reader, s, body('Resent by a double click.'));
      const b = await postComment(t.deps, reader, s, body('Resent by a double click.'));
      assert.equal(a.comment.id, b.comment.id);
      const { limit, windowMs } = COMMENT_LIMITS.post;
      for (let i = 1; i < limit; i++) await postComment(t.deps, reader, s, body(`Flood ${i}`));
      await assert.rejects(postComment(t.deps, reader, s, body('One too many')), code('comment_rate_limited'));
      now += windowMs + 1;
      assert.ok(await postComment(t.deps, reader, s, body('After a pause.')));
    });

    test('text is tidied: control and direction characters go, line breaks stay, blank runs shrink', () => {
      assert.equal(tidyCommentText('  a\u202Eb\u0007c  \r\n\r\n\r\n\r\nd\u200be \t\n'), 'abc\n\nd\u200be');
    });

    test('reports: once per reader and comment, only of shown comments, into the reported queue; any action closes them', async () => {
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, holdNewReaders: false } }, 'test');
      const writer = await makeReader(t.deps);
      const c = (await postComment(t.deps, writer, story, body('Buy cheap watches'))).comment;
      await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      const r1 = await makeReader(t.deps);
      const r2 = await makeReader(t.deps);
      assert.equal((await reportComment(t.deps, r1, c.id, 'spam')).isNew, true);
      assert.equal((await reportComment(t.deps, r1, c.id, 'abuse')).isNew, false, 'the same reader again');
      assert.equal((await reportComment(t.deps, r2, c.id, 'off-topic')).isNew, true);
      const open = await t.deps.db
        .selectFrom('comment_reports')
        .select(['reason'])
        .where('comment_id', '=', c.id)
        .where('resolved_at', 'is', null)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        open.map((r) => r.reason),
        ['spam', 'off-topic'],
      );
      const pending = (await postComment(t.deps, r1, story, body('Not shown yet'))).comment;
      await assert.rejects(reportComment(t.deps, r2, pending.id, 'spam'), /could not find/);
      await moderateComment(t.deps, editor, c.id, 'spam');
      const still = await t.deps.db
        .selectFrom('comment_reports')
        .select('id')
        .where('comment_id', '=', c.id)
        .where('resolved_at', 'is', null)
        .execute();
      assert.equal(still.length, 0, 'marking it as spam dealt with its reports');
    });

    test('every moderation action is recorded with who did it; what readers see goes out on the live stream', async () => {
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, holdNewReaders: false } }, 'test');
      const reader = await makeReader(t.deps);
      const s = await makeStory(t.deps);
      const head = await lastFeedEventId(t.deps.db);
      const c = (await postComment(t.deps, reader, s, body('Shown at once.'))).comment;
      const reply = (await postComment(t.deps, reader, s, { ...body('My own reply.'), parent: c.id })).comment;
      await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      await moderateComment(t.deps, editor, c.id, 'hide');
      await assert.rejects(moderateComment(t.deps, editor, reply.id, 'restore'), /Only a hidden or spam comment/);
      await moderateComment(t.deps, editor, c.id, 'restore');
      assert.equal((await moderateComment(t.deps, editor, c.id, 'approve')).changed, false, 'already approved');
      await moderateComment(t.deps, editor, c.id, 'delete');
      await assert.rejects(moderateComment(t.deps, author, reply.id, 'hide'), /does not allow/);
      const gone = await t.deps.db.selectFrom('comments').select('id').where('id', 'in', [c.id, reply.id]).execute();
      assert.deepEqual(gone, [], 'deleted with its reply');

      const feed = (await feedEventsAfter(t.deps.db, head, 100)).filter((r) => r.story_id === s.id);
      assert.deepEqual(
        feed.map((r) => [r.type, r.entry_id]),
        [
          ['comment.shown', c.id],
          ['comment.shown', reply.id],
          ['comment.removed', c.id],
          ['comment.shown', c.id],
          ['comment.removed', c.id],
        ],
      );
      const log = await moderationLog(t.deps.db, { readerId: reader.id, after: null, limit: 10 });
      assert.deepEqual(
        log.map((m) => [m.action, m.user_name]),
        [
          ['delete', 'Edna Editor'],
          ['restore', 'Edna Editor'],
          ['hide', 'Edna Editor'],
        ],
      );
      assert.match(log[0]!.note, new RegExp(`comment ${c.id} on story ${s.id} with 1 replies`));
      assert.ok(
        events.some((e) => e.type === 'comment.deleted' && e.id === c.id && 'storyId' in e && e.storyId === s.id),
        'comment.deleted names its story',
      );
    });
  });
}
