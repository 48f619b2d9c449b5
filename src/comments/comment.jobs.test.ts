import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeStory } from '../../test/support/factories.js';
import type { DomainEvent } from '../events/events.js';
import { type JobRunner, startJobRunner } from '../jobs/job.runner.js';
import { updateSettings } from '../settings/settings.service.js';
import { DEFAULT_COMMENT_RULES } from './comment-settings.js';
import { COMMENTS_CLOSE } from './comment-close.service.js';
import { COMMENTS_CLOSE_DUE, commentsCloseDueJob, commentsCloseJob } from './comment.jobs.js';

const DAY = 86_400_000;
const FORM = /data-comment-form=""/;
const CLOSED = /<p class="comments-closed">Comments on this story are closed\.<\/p>/;
// The story page's slot: an invitation while comments are open, a plain link once they are closed.
const JOIN = />Read the comments and join the conversation</;
const READ = />Read the comments</;

for (const dialect of DIALECTS) {
  describe(`comments closing by time purge their cached fragment, and the story page agrees (${dialect})`, () => {
    let t: TestApp;
    let runner: JobRunner;
    let now = Date.UTC(2026, 7, 1, 9);
    const events: DomainEvent[] = [];
    const closedEvents = () => events.filter((e) => e.type === 'comments.closed').map((e) => e.id);
    const rules = (closeAfterDays: number) =>
      updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, closeAfterDays } }, 'test');

    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
      t.deps.events.subscribe((e) => void events.push(e));
      runner = await startJobRunner(
        t.deps,
        [commentsCloseDueJob(t.deps, { everyMs: 600_000 }), commentsCloseJob(t.deps)],
        {
          pollMs: 0,
          eager: false,
        },
      );
    });
    after(async () => {
      await runner.stop();
      await t.close();
    });

    test('the job publishes comments.closed at the close, and the next request shows them closed', async () => {
      await rules(7);
      // Closes 15 minutes from now: 7 days after it was published.
      const story = await makeStory(t.deps, { publishedAt: now - 7 * DAY + 15 * 60_000 });
      const fragment = `/stories/${story.slug}/comments/list`;
      const storyPage = `/stories/${story.slug}`;
      const first = await getSettled(t, fragment);
      assert.equal(first.cache, 'MISS');
      assert.match(first.body, FORM);
      assert.match((await getSettled(t, storyPage)).body, JOIN, 'the story page invites comments while they are open');
      assert.equal((await getSettled(t, storyPage)).cache, 'HIT');
      assert.equal((await getSettled(t, fragment)).cache, 'HIT');

      assert.equal(await runner.tick(), 1, 'the recurring pass ran');
      const queued = await t.deps.db
        .selectFrom('jobs')
        .select(['run_at', 'dedupe_key'])
        .where('kind', '=', COMMENTS_CLOSE)
        .execute();
      assert.deepEqual(queued, [
        {
          run_at: story.published_at! + 7 * DAY,
          dedupe_key: `${COMMENTS_CLOSE}:${story.id}:${story.published_at! + 7 * DAY}`,
        },
      ]);
      assert.equal(await runner.tick(), 0, 'nothing due before the close');

      now += 15 * 60_000;
      // The gap this closes: without the job, the cached copy kept offering the form after the close.
      const stale = await getSettled(t, fragment);
      assert.deepEqual([stale.cache, FORM.test(stale.body)], ['HIT', true]);

      assert.equal(await runner.tick(), 2, 'the close (and the recurring pass, due again) ran');
      await t.deps.cache.settled();
      assert.deepEqual(closedEvents(), [story.id], 'one purge event for the story');
      const fresh = await getSettled(t, fragment);
      assert.equal(fresh.cache, 'MISS', 'the fragment was purged');
      assert.doesNotMatch(fresh.body, FORM);
      assert.match(fresh.body, CLOSED);
      const page = await (await t.request(`/stories/${story.slug}/comments`)).text();
      assert.doesNotMatch(page, FORM);
      assert.match(page, CLOSED);
      // Every face agrees: the story page (purged by the same event) no longer invites readers to join.
      const closedStory = await getSettled(t, storyPage);
      assert.equal(closedStory.cache, 'MISS', 'the story page was purged by comments.closed');
      assert.doesNotMatch(closedStory.body, JOIN);
      assert.match(closedStory.body, READ);

      now += 600_000;
      assert.equal(await runner.tick(), 1, 'the next pass');
      assert.deepEqual(closedEvents(), [story.id], 'a close is queued once');
    });

    test('a close the rule no longer makes publishes nothing', async () => {
      events.length = 0;
      await rules(7);
      const story = await makeStory(t.deps, { publishedAt: now - 7 * DAY + 60_000 });
      now += 600_000;
      assert.ok((await runner.tick()) >= 1);
      await rules(30);
      now += 60_000;
      await runner.tick();
      assert.deepEqual(closedEvents(), [], 'the story still takes comments');
      const body = (await getSettled(t, `/stories/${story.slug}/comments/list`)).body;
      assert.match(body, FORM);
    });

    test('changing "close after N days" purges every comments fragment at once', async () => {
      await rules(0);
      const story = await makeStory(t.deps, { publishedAt: now - 10 * DAY });
      const fragment = `/stories/${story.slug}/comments/list`;
      assert.match((await getSettled(t, fragment)).body, FORM);
      assert.equal((await getSettled(t, fragment)).cache, 'HIT');

      await rules(7);
      const closed = await getSettled(t, fragment);
      assert.equal(closed.cache, 'MISS', 'the settings event purged it');
      assert.doesNotMatch(closed.body, FORM);
      assert.match(closed.body, CLOSED);
      const storyPage = (await getSettled(t, `/stories/${story.slug}`)).body;
      assert.match(storyPage, READ, 'the story page says closed by the same rule');
      assert.doesNotMatch(storyPage, JOIN);
      assert.equal((await getSettled(t, fragment)).cache, 'HIT');

      await rules(30);
      const open = await getSettled(t, fragment);
      assert.equal(open.cache, 'MISS');
      assert.match(open.body, FORM, 'open again under the longer rule');
      await rules(0);
    });

    test('one recurring pass for the kind', async () => {
      const rows = await t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', COMMENTS_CLOSE_DUE).execute();
      assert.equal(rows.length, 1);
    });
  });
}
