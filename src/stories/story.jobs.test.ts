import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import type { AppDeps } from '../app.deps.js';
import { createDeps } from '../boot.js';
import { type JobRunner, startJobRunner } from '../jobs/job.runner.js';
import { PUBLISH_DUE, publishDueJob } from './story.jobs.js';
import { storyById } from './story.repo.js';
import { scheduleStory } from './story.service.js';

for (const dialect of DIALECTS) {
  describe(`scheduled publishing on the job runner (${dialect})`, () => {
    let env: TestEnv;
    let now = Date.UTC(2026, 7, 1, 9);
    const clock = () => now;
    let other: AppDeps;
    let runners: JobRunner[];
    before(async () => {
      env = await createTestEnv(dialect, {}, { clock, log: () => {} });
      // A second process on the same database.
      other = await createDeps(env.config, { clock, log: () => {} });
      runners = await Promise.all(
        [env.deps, other].map((d) => startJobRunner(d, [publishDueJob(d, { everyMs: 15_000 })], { pollMs: 0 })),
      );
    });
    after(async () => {
      for (const r of runners) await r.stop();
      await other.database.close();
      await env.close();
    });

    test('one recurring job publishes a scheduled story at its time, once, whichever process runs it', async () => {
      const jobs = await env.deps.db.selectFrom('jobs').selectAll().where('kind', '=', PUBLISH_DUE).execute();
      assert.equal(jobs.length, 1, 'one job for all processes');
      const story = await makeStory(env.deps, {
        headline: 'Embargoed report',
        status: 'draft',
        sectionId: (await makeSection(env.deps)).id,
      });
      const at = now + 600_000;
      await scheduleStory(env.deps, story.id, at, 'test');
      const published: string[] = [];
      const offs = [env.deps, other].map((d) =>
        d.events.subscribe((e) => void (e.id === story.id && published.push(e.type))),
      );

      assert.equal(
        (await Promise.all(runners.map((r) => r.tick()))).reduce((a, b) => a + b, 0),
        1,
        'the pass ran once',
      );
      assert.equal((await storyById(env.deps.db, story.id))!.status, 'scheduled', 'not due yet');

      now += 14_999;
      assert.equal(
        (await Promise.all(runners.map((r) => r.tick()))).reduce((a, b) => a + b, 0),
        0,
        'the next pass is due 15 s after the last',
      );
      now = at;
      assert.equal(
        (await Promise.all(runners.map((r) => r.tick()))).reduce((a, b) => a + b, 0),
        1,
      );
      for (const off of offs) off();
      assert.equal((await storyById(env.deps.db, story.id))!.status, 'published');
      assert.deepEqual(published, ['story.published'], 'one event, in one process');
      const [job] = await env.deps.db.selectFrom('jobs').selectAll().where('kind', '=', PUBLISH_DUE).execute();
      assert.deepEqual([job!.status, job!.run_at, job!.last_error], ['queued', now + 15_000, '']);
    });
  });
}
