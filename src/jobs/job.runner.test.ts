import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import type { AppDeps } from '../app.deps.js';
import { createDeps } from '../boot.js';
import { jobById } from './job.repo.js';
import { startJobRunner } from './job.runner.js';
import { type JobContext, type JobHandler, defineJob } from './job.types.js';

/** A handler that records every try and fails while its script says so (an error message), then succeeds. */
function probe(kind: string, opts: Partial<JobHandler> = {}) {
  const tries: { n: number; ctx: JobContext }[] = [];
  const script: (string | null)[] = [];
  const handler = defineJob({
    kind,
    payload: z.object({ n: z.number() }),
    retryBaseMs: 1000,
    ...opts,
    async run(p: { n: number }, ctx: JobContext) {
      tries.push({ n: p.n, ctx });
      // Yield to the event loop so racing runners interleave.
      await new Promise((r) => setImmediate(r));
      const fail = script.shift();
      if (fail) throw new Error(fail);
    },
  });
  return { handler, tries, script };
}

for (const dialect of DIALECTS) {
  describe(`job runner (${dialect})`, () => {
    let env: TestEnv;
    let now = Date.UTC(2026, 5, 1);
    const clock = () => now;
    const others: AppDeps[] = [];
    before(async () => {
      env = await createTestEnv(dialect, {}, { clock, log: () => {} });
      // Two more processes on the same database, each with its own connection.
      for (let i = 0; i < 2; i++) others.push(await createDeps(env.config, { clock, log: () => {} }));
    });
    after(async () => {
      for (const d of others) await d.database.close();
      await env.close();
    });
    beforeEach(async () => {
      await env.deps.db.deleteFrom('jobs').execute();
    });

    test('each job runs exactly once when runners in several processes race for it', async () => {
      const p = probe('test.race');
      const runners = await Promise.all(
        [env.deps, ...others].map((d) => startJobRunner(d, [p.handler], { pollMs: 0, batch: 50 })),
      );
      for (let n = 0; n < 30; n++) await runners[n % 3]!.enqueue(env.deps.db, { kind: 'test.race', payload: { n } });
      let total = 0;
      for (let round = 0; round < 3; round++)
        total += (await Promise.all(runners.map((r) => r.tick()))).reduce((a, b) => a + b, 0);
      assert.equal(total, 30);
      assert.deepEqual(
        p.tries.map((t) => t.n).sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i),
        'every job once, none twice',
      );
      const rows = await env.deps.db.selectFrom('jobs').select(['status', 'attempts']).execute();
      assert.ok(rows.length === 30 && rows.every((r) => r.status === 'done' && r.attempts === 1));
      for (const r of runners) await r.stop();
    });

    test('a dedupe key makes enqueueing idempotent across processes', async () => {
      const p = probe('test.dedupe');
      const runners = await Promise.all(
        [env.deps, ...others].map((d) => startJobRunner(d, [p.handler], { pollMs: 0 })),
      );
      const ids = await Promise.all(
        runners.map((r, i) =>
          r.enqueue(i === 0 ? env.deps.db : others[i - 1]!.db, {
            kind: 'test.dedupe',
            payload: { n: 1 },
            dedupeKey: 'same-event',
          }),
        ),
      );
      assert.equal(ids.filter((id) => id !== null).length, 1);
      assert.equal((await env.deps.db.selectFrom('jobs').select('id').execute()).length, 1);
      // Jobs without a key never clash.
      await runners[0]!.enqueue(env.deps.db, { kind: 'test.dedupe', payload: { n: 2 } });
      await runners[0]!.enqueue(env.deps.db, { kind: 'test.dedupe', payload: { n: 3 } });
      assert.equal((await env.deps.db.selectFrom('jobs').select('id').execute()).length, 3);
      for (const r of runners) await r.stop();
    });

    test('a failed try is retried after a backoff that doubles; after the last try the job is failed', async () => {
      const p = probe('test.retry', { maxAttempts: 3 });
      p.script.push('receiver down', 'receiver down', 'still down');
      const runner = await startJobRunner(env.deps, [p.handler], { pollMs: 0 });
      const id = (await runner.enqueue(env.deps.db, { kind: 'test.retry', payload: { n: 1 } }))!;
      assert.equal((await jobById(env.deps.db, id))!.max_attempts, 3, 'the handler’s maximum is stored with the job');
      const start = now;
      assert.equal(await runner.tick(), 1);
      let job = (await jobById(env.deps.db, id))!;
      assert.deepEqual(
        [job.status, job.attempts, job.run_at - start, job.last_error, job.locked_until],
        ['queued', 1, 1000, 'Error: receiver down', null],
      );
      assert.equal(await runner.tick(), 0, 'not due before the backoff');
      now += 999;
      assert.equal(await runner.tick(), 0);
      now += 1;
      assert.equal(await runner.tick(), 1);
      job = (await jobById(env.deps.db, id))!;
      assert.equal(job.run_at - now, 2000, 'the wait doubles');
      now += 2000;
      assert.equal(await runner.tick(), 1);
      job = (await jobById(env.deps.db, id))!;
      assert.deepEqual([job.status, job.attempts, job.last_error], ['failed', 3, 'Error: still down']);
      now += 86400_000;
      assert.equal(await runner.tick(), 0, 'a failed job is not tried again by itself');
      assert.deepEqual(
        p.tries.map((t) => [t.ctx.attempt, t.ctx.lastAttempt]),
        [
          [1, false],
          [2, false],
          [3, true],
        ],
      );
      await runner.stop();
    });

    test("a failure marked permanent (a mail server's 5xx) fails the job at once, without retries", async () => {
      const h = defineJob({
        kind: 'test.permanent',
        payload: z.object({}),
        async run() {
          throw Object.assign(new Error('550 no such mailbox'), { permanent: true });
        },
      });
      const runner = await startJobRunner(env.deps, [h], { pollMs: 0 });
      const id = (await runner.enqueue(env.deps.db, { kind: 'test.permanent' }))!;
      assert.equal(await runner.tick(), 1);
      const job = (await jobById(env.deps.db, id))!;
      assert.deepEqual([job.status, job.attempts, job.max_attempts], ['failed', 1, 5]);
      assert.match(job.last_error, /550 no such mailbox/);
      await runner.stop();
    });

    test('a job that succeeds on a retry is done, its error cleared', async () => {
      const p = probe('test.flaky');
      p.script.push('once');
      const runner = await startJobRunner(env.deps, [p.handler], { pollMs: 0 });
      const id = (await runner.enqueue(env.deps.db, { kind: 'test.flaky', payload: { n: 1 } }))!;
      await runner.tick();
      now += 1000;
      await runner.tick();
      const job = (await jobById(env.deps.db, id))!;
      assert.deepEqual([job.status, job.attempts, job.last_error], ['done', 2, '']);
      await runner.stop();
    });

    test('a job whose runner died is taken over when its lease lapses; the dead runner’s late outcome is ignored', async () => {
      let started!: () => void;
      const startedP = new Promise<void>((r) => (started = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const stuck = defineJob({
        kind: 'test.lease',
        payload: z.object({}),
        leaseMs: 10_000,
        async run() {
          started();
          await gate;
          throw new Error('too late');
        },
      });
      const dying = await startJobRunner(env.deps, [stuck], { pollMs: 0 });
      const p = probe('test.lease', { leaseMs: 10_000 });
      const healthy = await startJobRunner(others[0]!, [p.handler], { pollMs: 0 });
      const id = (await dying.enqueue(env.deps.db, { kind: 'test.lease', payload: { n: 7 } }))!;
      const hung = dying.tick();
      await startedP;
      assert.equal((await jobById(env.deps.db, id))!.status, 'running');
      assert.equal(await healthy.tick(), 0, 'still held by its lease');
      now += 10_001;
      assert.equal(await healthy.tick(), 1, 'taken over');
      let job = (await jobById(env.deps.db, id))!;
      assert.deepEqual([job.status, job.attempts], ['done', 2]);
      release();
      await hung;
      job = (await jobById(env.deps.db, id))!;
      assert.deepEqual(
        [job.status, job.attempts, job.last_error],
        ['done', 2, ''],
        'the first runner’s failure changed nothing',
      );
      await dying.stop();
      await healthy.stop();
    });

    test('a renewing try that lost its claim (taken over after a stall) is told so and stops taking work', async () => {
      let started!: () => void;
      const startedP = new Promise<void>((r) => (started = r));
      let signal!: AbortSignal;
      const stalled = defineJob({
        kind: 'test.stall',
        payload: z.object({}),
        leaseMs: 3000,
        renewLease: true,
        async run(_p, ctx) {
          signal = ctx.signal;
          started();
          // Works until it hears the claim is gone (its first renewal, a second after the start, finds it taken).
          await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }));
        },
      });
      const first = await startJobRunner(env.deps, [stalled], { pollMs: 0 });
      const p = probe('test.stall', { leaseMs: 3000 });
      const second = await startJobRunner(others[0]!, [p.handler], { pollMs: 0 });
      const id = (await first.enqueue(env.deps.db, { kind: 'test.stall', payload: { n: 1 } }))!;
      const running = first.tick();
      await startedP;
      assert.equal(signal.aborted, false);
      // The process stalls past its lease (no renewal yet): another runner takes the job over.
      now += 3001;
      assert.equal(await second.tick(), 1, 'taken over');
      // (The runner's renewal timer does not hold the process open; this guard does, and fails a try never told.)
      let guard: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((_, reject) => {
          guard = setTimeout(() => reject(new Error('the first try was never told')), 10_000);
        }),
      ]);
      clearTimeout(guard);
      assert.equal(signal.aborted, true, 'the first try learned it lost its claim');
      const job = (await jobById(env.deps.db, id))!;
      assert.deepEqual([job.status, job.attempts], ['done', 2], 'the first try’s end changed nothing');
      await first.stop();
      await second.stop();
    });

    test('a recurring kind keeps one job across processes, runs again after its interval and never ends as failed', async () => {
      const p = probe('test.every', { everyMs: 5000, maxAttempts: 1 });
      p.script.push('database away');
      const runners = await Promise.all(
        [env.deps, ...others].map((d) => startJobRunner(d, [p.handler], { pollMs: 0 })),
      );
      const rows = () => env.deps.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.every').execute();
      assert.equal((await rows()).length, 1, 'one row, whichever process started first');
      // The recurring payload is {}; this handler wants {n}: give its row one.
      await env.deps.db.updateTable('jobs').set({ payload: '{"n":0}' }).execute();
      assert.equal(
        (await Promise.all(runners.map((r) => r.tick()))).reduce((a, b) => a + b, 0),
        1,
      );
      let [job] = await rows();
      assert.deepEqual(
        [job!.status, job!.last_error, job!.run_at - now],
        ['queued', 'Error: database away', 1000],
        'a failure is retried (backoff, at most the interval)',
      );
      now += 1000;
      await runners[1]!.tick();
      [job] = await rows();
      assert.deepEqual(
        [job!.status, job!.attempts, job!.last_error, job!.run_at - now],
        ['queued', 0, '', 5000],
        'after a success: again in one interval',
      );
      now += 4999;
      assert.equal(await runners[2]!.tick(), 0);
      now += 1;
      assert.equal(await runners[2]!.tick(), 1);
      assert.equal(p.tries.length, 3);
      for (const r of runners) await r.stop();
    });

    test('a payload that does not parse fails the job at once, without running it', async () => {
      const p = probe('test.bad');
      const runner = await startJobRunner(env.deps, [p.handler], { pollMs: 0 });
      const id = (await runner.enqueue(env.deps.db, { kind: 'test.bad', payload: { n: 'seven' } }))!;
      assert.equal(await runner.tick(), 1);
      const job = (await jobById(env.deps.db, id))!;
      assert.equal(job.status, 'failed');
      assert.match(job.last_error, /^bad payload: /);
      assert.equal(p.tries.length, 0);
      await runner.stop();
    });

    test('a runner claims only the kinds it knows; done jobs are pruned after they have been kept long enough', async () => {
      const p = probe('test.known');
      const runner = await startJobRunner(env.deps, [p.handler], { pollMs: 0, keepDoneMs: 60_000 });
      const unknown = (await runner.enqueue(env.deps.db, { kind: 'test.elsewhere', payload: { n: 0 } }))!;
      const first = (await runner.enqueue(env.deps.db, { kind: 'test.known', payload: { n: 1 } }))!;
      assert.equal(await runner.tick(), 1);
      assert.equal((await jobById(env.deps.db, unknown))!.status, 'queued', 'left for a runner that has its handler');
      now += 3600_000;
      await runner.enqueue(env.deps.db, { kind: 'test.known', payload: { n: 2 } });
      assert.equal(await runner.tick(), 1);
      assert.equal(await jobById(env.deps.db, first), undefined, 'an old done job is gone');
      assert.equal((await env.deps.db.selectFrom('jobs').select('id').execute()).length, 2);
      await runner.stop();
    });

    test('a kick drains a backlog larger than one batch', async () => {
      const p = probe('test.backlog');
      const runner = await startJobRunner(env.deps, [p.handler], { pollMs: 0, batch: 4 });
      for (let n = 0; n < 10; n++) await runner.enqueue(env.deps.db, { kind: 'test.backlog', payload: { n } });
      runner.kick();
      await runner.settled();
      assert.equal(p.tries.length, 10);
      await runner.stop();
    });

    test('two handlers for one kind are refused', async () => {
      const p = probe('test.twice');
      await assert.rejects(startJobRunner(env.deps, [p.handler, p.handler]), /registered twice/);
    });
  });
}
