import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeStory, p } from '../../test/support/factories.js';
import { makeNewsletter, makeSubscribers } from '../../test/support/newsletters.js';
import { type TestSmtp, linkIn, startSmtp } from '../../test/support/smtp.js';
import type { User } from '../db/database.js';
import { type JobRunner, startJobRunner } from '../jobs/job.runner.js';
import { createUser } from '../users/user.service.js';
import { deliveryCounts, issueById } from './issue.repo.js';
import { createDigest, scheduleIssue, sendStoryToNewsletters } from './issue.service.js';
import {
  newsletterDeliverJob,
  newsletterStartJob,
  newslettersDueJob,
  startNewsletterDispatch,
} from './newsletter.jobs.js';
import { createNewsletterSender } from './newsletter.send.js';
import { unsubscribe } from './subscription.service.js';

for (const dialect of DIALECTS) {
  describe(`sending a newsletter issue (${dialect})`, () => {
    let env: TestEnv;
    let smtp: TestSmtp;
    let runner: JobRunner;
    let editor: User;
    let dispatch: ReturnType<typeof startNewsletterDispatch>;
    let now = Date.UTC(2026, 4, 12, 9, 0);
    const clock = () => now;

    /** Runs the job runner until nothing is due (as the processes' loops would). */
    const drain = async () => {
      await dispatch.settled();
      for (let i = 0; i < 50; i++) {
        await runner.settled();
        if ((await runner.tick()) === 0) {
          await runner.settled();
          if ((await runner.tick()) === 0) return;
        }
      }
      throw new Error('the runner did not settle');
    };

    before(async () => {
      smtp = await startSmtp({
        rejectRecipient: (a) => (a.startsWith('gone') ? 550 : a.startsWith('busy') ? 451 : undefined),
      });
      env = await createTestEnv(dialect, { SMTP_URL: smtp.url }, { clock, log: () => {} });
      const sender = createNewsletterSender(env.deps, { batchSize: 4, chunk: 3, ratePerSecond: 0, maxAttempts: 2 });
      runner = await startJobRunner(
        env.deps,
        [
          newslettersDueJob(env.deps, sender),
          newsletterStartJob(env.deps, sender),
          newsletterDeliverJob(env.deps, sender),
        ],
        { pollMs: 0 },
      );
      dispatch = startNewsletterDispatch(env.deps, runner);
      editor = await createUser(env.deps, {
        email: 'editor@herald.test',
        name: 'Ed',
        role: 'editor',
        password: 'correct horse battery',
      });
    });
    after(async () => {
      dispatch.stop();
      await runner.stop();
      await env.close();
      await smtp.close();
    });

    test('a story sent to a newsletter reaches each subscriber exactly once, with one-click unsubscribe headers', async () => {
      const n = await makeNewsletter(env.deps, { name: 'Morning <Briefing>', senderEmail: 'morning@herald.test' });
      const other = await makeNewsletter(env.deps, { name: 'Weekly long read' });
      const _good = await makeSubscribers(env.deps.db, n.id, 9, { prefix: 'ok', domain: 'readers.test', now });
      const [gone] = await makeSubscribers(env.deps.db, n.id, 1, { prefix: 'gone', now });
      const [busy] = await makeSubscribers(env.deps.db, n.id, 1, { prefix: 'busy', now });
      const [quit] = await makeSubscribers(env.deps.db, n.id, 1, { prefix: 'quit', now });
      await makeSubscribers(env.deps.db, n.id, 1, { prefix: 'unconfirmed', now, confirmed: false });
      await makeSubscribers(env.deps.db, other.id, 2, { prefix: 'elsewhere', now });
      await unsubscribe(env.deps, quit!, n.id);

      const story = await makeStory(env.deps, {
        headline: 'Bridge reopens after <repairs>',
        dek: 'Traffic returns to the river crossing.',
        body: {
          version: 1,
          blocks: [
            p('The bridge reopened at dawn.'),
            {
              type: 'paragraph',
              content: [
                { text: 'Read the ' },
                { text: 'council notice', href: 'https://council.test/n?a=1&b=2', bold: true },
              ],
            },
          ],
        },
      });
      const [issue] = await sendStoryToNewsletters(env.deps, editor, story.id, [n.id]);
      await drain();

      const got = smtp.messages.filter((m) => m.subject.includes('Bridge reopens'));
      const recipients = got.map((m) => m.envelope.to[0]!).sort();
      assert.deepEqual(
        recipients,
        Array.from({ length: 9 }, (_, i) => `ok${i}@readers.test`).sort(),
        'each subscriber once',
      );
      for (const m of got) {
        const line = (k: string) => m.headerLines.find((h) => h.key === k)?.line ?? '';
        assert.match(line('list-unsubscribe'), /<http:\/\/news\.test\/newsletters\/unsubscribe\/\d+-\d+-[\w-]{22}>/);
        assert.match(line('list-unsubscribe-post'), /List-Unsubscribe=One-Click/);
        assert.match(line('list-id'), /Morning Briefing <[\w-]+\.news\.test>/);
        assert.match(m.messageId, new RegExp(`^<issue-${issue!.id}\\.\\d+\\.[0-9a-f]{12}@herald\\.test>$`));
        assert.match(m.from, /morning@herald\.test/);
        // Both parts: the story, read-on-site, the unsubscribe link, the newsroom's footer, no tracking.
        assert.match(m.html, /Bridge reopens after &lt;repairs&gt;/);
        assert.match(m.html, /href="https:\/\/council\.test\/n\?a=1&amp;b=2"/);
        assert.doesNotMatch(m.html, /newsletters\/o\//, 'no tracking pixel by default');
        assert.match(m.text, /Bridge reopens after <repairs>/);
        assert.match(m.text, /The bridge reopened at dawn\./);
        assert.match(m.text, /Read on the site: http:\/\/news\.test\/stories\//);
        assert.equal(linkIn(m, '/newsletters/unsubscribe/'), /<(http[^>]+)>/.exec(line('list-unsubscribe'))?.[1]);
      }
      assert.equal(new Set(got.map((m) => m.messageId)).size, 9);

      // The permanent failure marks the address bouncing; the temporary one is tried again after the backoff.
      const counts = await deliveryCounts(env.deps.db, issue!.id);
      assert.deepEqual(counts.byStatus, { sent: 9, bounced: 1, failed: 1 });
      const bouncer = await env.deps.db
        .selectFrom('readers')
        .selectAll()
        .where('id', '=', gone!)
        .executeTakeFirstOrThrow();
      assert.ok(bouncer.bouncing_at !== null, 'bouncing');
      assert.match(bouncer.bounce_reason, /550/);
      assert.equal((await issueById(env.deps.db, issue!.id))!.status, 'sending', 'a retry is still to come');
      now += 61_000;
      await drain();
      const done = await deliveryCounts(env.deps.db, issue!.id);
      assert.equal(done.byStatus.failed, 1, 'busy failed twice: given up');
      const last = await env.deps.db
        .selectFrom('newsletter_deliveries')
        .selectAll()
        .where('reader_id', '=', busy!)
        .executeTakeFirstOrThrow();
      assert.equal(last.attempts, 2);
      assert.equal((await issueById(env.deps.db, issue!.id))!.status, 'sent');

      // Nothing more goes out, however often the passes run.
      const before = smtp.messages.length;
      now += 3600_000;
      await drain();
      assert.equal(smtp.messages.length, before);
      assert.equal((await issueById(env.deps.db, issue!.id))!.recipients, 11);
    });

    test('a digest is composed, scheduled, and sent at its time with its stories in order', async () => {
      const n = await makeNewsletter(env.deps, { name: 'Evening digest' });
      await makeSubscribers(env.deps.db, n.id, 3, { prefix: 'digest', now });
      const a = await makeStory(env.deps, { headline: 'First pick', excerpt: 'Why it matters.' });
      const b = await makeStory(env.deps, { headline: 'Second pick' });
      const draft = await createDigest(env.deps, editor, {
        newsletterId: n.id,
        subject: 'Tonight: two stories',
        intro: 'Good evening.\n\nHere is what happened.',
        storyIds: [b.id, a.id],
      });
      await scheduleIssue(env.deps, editor, draft.id, now + 3600_000);
      const seen = smtp.messages.length;
      await drain();
      assert.equal(smtp.messages.length, seen, 'not before its time');
      now += 3600_000;
      await drain();
      const got = smtp.messages.slice(seen);
      assert.equal(got.length, 3);
      const text = got[0]!.text;
      assert.ok(text.indexOf('Second pick') < text.indexOf('First pick'), 'in the order chosen');
      assert.match(text, /Good evening\.\n\nHere is what happened\./);
      assert.match(text, /In this issue: 2 stories/);
      assert.equal((await issueById(env.deps.db, draft.id))!.status, 'sent');
    });
  });
}
