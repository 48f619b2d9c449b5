import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { type JobRunner, startJobRunner } from '../jobs/job.runner.js';
import { READER_LIMITS, takeRateToken } from './rate-limit.js';
import { READERS_HOUSEKEEPING, readersHousekeepingJob } from './reader.jobs.js';
import { findOrCreateReader } from './reader.service.js';
import { createReaderSession, endAllReaderSessions } from './reader-session.service.js';
import { SIGN_IN_LINK_TTL_MS } from './reader.mail.js';
import { requestSignInLink } from './sign-in.service.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`readers' housekeeping on the job runner (${dialect})`, () => {
    let env: TestEnv;
    let now = Date.UTC(2026, 7, 1, 9);
    let runner: JobRunner;
    before(async () => {
      env = await createTestEnv(dialect, {}, { clock: () => now });
      runner = await startJobRunner(env.deps, [readersHousekeepingJob(env.deps, { everyMs: 3600_000 })], { pollMs: 0 });
    });
    after(async () => {
      await runner.stop();
      await env.close();
    });

    test('old attempts, long-expired links and long-ended sessions go; what is current stays', async () => {
      const jobs = await env.deps.db.selectFrom('jobs').selectAll().where('kind', '=', READERS_HOUSEKEEPING).execute();
      assert.equal(jobs.length, 1, 'one recurring job');
      const { reader } = await findOrCreateReader(env.deps, { email: 'old@reader.test', language: 'en', source: 'x' });
      await requestSignInLink(env.deps, { email: 'old@reader.test', language: 'en', source: 'x', ip: '192.0.2.1' });
      await env.jobs.settled(); // the link's mail job makes its token, at this clock
      await createReaderSession(env.deps, reader, 'old browser');
      await endAllReaderSessions(env.deps, reader.id);
      now += 40 * DAY;
      await requestSignInLink(env.deps, { email: 'old@reader.test', language: 'en', source: 'x', ip: '192.0.2.1' });
      await env.jobs.settled(); // the link's mail job makes its token, at this clock
      await createReaderSession(env.deps, reader, 'new browser');
      const count = async (table: 'reader_rate_events' | 'reader_tokens' | 'reader_sessions') =>
        (await env.deps.db.selectFrom(table).select('id').execute()).length;
      assert.equal(await count('reader_tokens'), 2);
      assert.equal(await count('reader_sessions'), 2);
      assert.equal(await count('reader_rate_events'), 4);
      now += 3600_000 + 1;
      await runner.tick();
      assert.equal(await count('reader_tokens'), 1, 'the link from 40 days ago is gone, the new one stays');
      assert.equal(await count('reader_sessions'), 1);
      assert.equal(await count('reader_rate_events'), 2, 'the attempts of the last day stay');
      // The limit still counts the attempts it must.
      assert.ok(SIGN_IN_LINK_TTL_MS < DAY && READER_LIMITS.signInPerEmail.windowMs < DAY);
      assert.equal(await takeRateToken(env.deps, 'sign-in:ip', '192.0.2.1', { limit: 2, windowMs: DAY }), true);
      assert.equal(await takeRateToken(env.deps, 'sign-in:ip', '192.0.2.1', { limit: 2, windowMs: DAY }), false);
    });
  });
}
