import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppDeps } from '../src/app.deps.js';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { issueById } from '../src/newsletters/issue.repo.js';
import { createDigest } from '../src/newsletters/issue.service.js';
import { DIALECTS, createPgDatabase } from './support/db.js';
import { signedInOver } from './support/desk.js';
import { makeStory } from './support/factories.js';
import { makeNewsletter, makeSubscribers } from './support/newsletters.js';
import { type ServerProcess, startServerProcess } from './support/process.js';
import { type TestSmtp, startSmtp } from './support/smtp.js';
import { waitFor } from './support/wait.js';

const SUBSCRIBERS = 2000;

const batchesLogged = (s: ServerProcess) => s.lines.filter((l) => l.msg === 'newsletter batch').length;

for (const dialect of DIALECTS) {
  describe(`a newsletter issue sent by two processes, one killed mid-send (${dialect})`, () => {
    let dir: string;
    let drop: (() => Promise<void>) | null = null;
    let desk: AppDeps;
    let smtp: TestSmtp;
    let env: Record<string, string>;
    const servers: ServerProcess[] = [];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'broadsheet-nl-kill9-'));
      const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
      drop = pgDb?.drop ?? null;
      smtp = await startSmtp();
      env = {
        DATABASE_URL: pgDb?.url ?? join(dir, 'newsroom.db'),
        SEED_DEMO: '0',
        LOG_REQUESTS: '0',
        SMTP_URL: smtp.url,
        // Slow enough to be mid-send for a while; small batches spread over both processes; a lease short enough for
        // B to take A's batches over soon, and longer than the hold below (a batch held past its lease is taken
        // again while its first sender still waits on the answer).
        MAIL_RATE_PER_SECOND: '200',
        MAIL_BATCH_SIZE: '40',
        MAIL_BATCH_LEASE_SECONDS: '8',
      };
      desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir }), { log: () => {} });
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await desk?.database.close();
      await smtp?.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every subscriber gets the issue exactly once: none twice, none missed', async (t) => {
      const a = await startServerProcess({ ...env, DATA_DIR: join(dir, 'a') });
      const b = await startServerProcess({ ...env, DATA_DIR: join(dir, 'b') });
      servers.push(a, b);
      const n = await makeNewsletter(desk, { name: 'Morning Briefing' });
      const readers = await makeSubscribers(desk.db, n.id, SUBSCRIBERS, { prefix: 'r', domain: 'inbox.test' });
      const story = await makeStory(desk, { headline: 'The one story of the day' });
      const editor = await signedInOver(desk, a.url, 'editor');
      const issue = await createDigest(desk, editor.user!, {
        newsletterId: n.id,
        subject: 'Exactly once',
        intro: '',
        storyIds: [story.id],
      });
      // The editor presses "Send now" in process A's desk: A starts it, both processes' runners take batches.
      await editor.refreshCsrf(`/desk/newsletters/issues/${issue.id}`);
      const sent = await editor.postForm(`/desk/newsletters/issues/${issue.id}/send`, {});
      assert.equal(sent.status, 303);

      // Mid-send, with both processes sending: hold the server's answers, so what each process has in flight
      // is not yet accepted, let them record every answer they already have, and kill A.
      await waitFor(() => smtp.messages.length >= SUBSCRIBERS / 4 && batchesLogged(a) > 0 && batchesLogged(b) > 0, {
        timeoutMs: 60_000,
        intervalMs: 5,
        message: 'both processes to be sending',
      });
      smtp.hold();
      // Both processes go on sending into the hold (each soon waits on an answer), and every message the server
      // accepted before it is recorded as sent by its process (a wait on the database, not a guess at how long that
      // takes on a loaded machine); only then is A killed.
      await new Promise((r) => setTimeout(r, 1500));
      const accepted = smtp.messages.length;
      await waitFor(
        async () => {
          const row = await desk.db
            .selectFrom('newsletter_deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('issue_id', '=', issue.id)
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow();
          return Number(row.n) >= accepted;
        },
        { timeoutMs: 30_000, message: 'every accepted message to be recorded as sent' },
      );
      a.child.kill('SIGKILL');
      assert.equal(await a.stop(), null, 'killed, not exited');
      const atKill = smtp.messages.length;
      // The server must see A's connections close before it answers what is held (an answer to a connection it
      // still thinks open counts as accepted though A never heard it): they close together when A dies.
      await waitFor(() => smtp.heldGone() > 0, {
        timeoutMs: 10_000,
        message: "the server to see A's connections close",
      });
      await new Promise((r) => setTimeout(r, 300));
      smtp.release();
      assert.ok(atKill < SUBSCRIBERS, `mid-send: ${atKill} of ${SUBSCRIBERS} delivered at the kill`);

      // B takes A's batches over once their lease lapses, and sends what A had not had accepted.
      await smtp.waitFor(SUBSCRIBERS, 90_000);
      await waitFor(async () => (await issueById(desk.db, issue.id))?.status === 'sent', {
        timeoutMs: 30_000,
        message: 'the issue to be marked sent',
      });
      // A little longer: nothing more may come.
      await new Promise((r) => setTimeout(r, 1000));

      const byRecipient = new Map<string, number>();
      for (const m of smtp.messages.filter((x) => x.subject === 'Exactly once'))
        for (const to of m.envelope.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      const twice = [...byRecipient].filter(([, k]) => k > 1).map(([to]) => to);
      const missed = Array.from({ length: SUBSCRIBERS }, (_, i) => `r${i}@inbox.test`).filter(
        (x) => !byRecipient.has(x),
      );
      assert.deepEqual(twice, [], 'no one twice');
      assert.deepEqual(missed, [], 'no one missed');
      assert.equal(byRecipient.size, readers.length);

      const rows = await desk.db
        .selectFrom('newsletter_deliveries')
        .select(['status', 'attempts'])
        .where('issue_id', '=', issue.id)
        .execute();
      assert.equal(rows.length, SUBSCRIBERS);
      assert.ok(rows.every((r) => r.status === 'sent'));
      const retaken = rows.filter((r) => r.attempts > 1).length;
      assert.ok(smtp.dropped() > 0, 'A had messages in flight when it was killed');
      assert.ok(retaken >= smtp.dropped(), 'B sent again what A had claimed but not had accepted');
      t.diagnostic(
        `${SUBSCRIBERS} recipients (${dialect}): ${atKill} delivered before kill -9 of one of two sending processes, ` +
          `${smtp.dropped()} in flight dropped with it, ${retaken} deliveries taken over by the other process; ` +
          `each recipient got exactly one message`,
      );
    });
  });
}
