import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { type ServiceProbe, planServices, postgresAnswers, probeServices, redisAnswers } from './support/services.js';

// What `npm test` does to a machine before any test runs (test/support/services.ts, called by run-tests.mjs).
// The decision is tested on every kind of machine; the probes on this one's real services and on a closed port.
const ready: ServiceProbe = {
  root: true,
  postgres: { answers: true, local: true, cluster: '15' },
  redis: { answers: true, local: true, serverInstalled: true },
  chromium: { needed: true, present: true, aptGet: true },
  varnish: { needed: true, present: true, aptGet: true },
};
const machine = (change: (p: ServiceProbe) => void): ServiceProbe => {
  const p = structuredClone(ready);
  change(p);
  return p;
};

describe('what the test command makes ready on a machine', () => {
  test('a ready machine: nothing to do, nothing to ask', () => {
    assert.deepEqual(planServices(ready), { steps: [], problems: [] });
  });

  test('a fresh machine as root: starts PostgreSQL and Redis, installs Chromium', () => {
    const fresh = machine((p) => {
      p.postgres.answers = false;
      p.redis.answers = false;
      p.chromium.present = false;
    });
    assert.deepEqual(planServices(fresh), {
      steps: [{ do: 'start-postgres', version: '15' }, { do: 'start-redis', port: 6379 }, { do: 'install-chromium' }],
      problems: [],
    });
  });

  test('Chromium is only wanted when browser tests run', () => {
    assert.deepEqual(
      planServices(
        machine((p) => {
          p.chromium = { needed: false, present: false, aptGet: false };
        }),
      ),
      { steps: [], problems: [] },
    );
  });

  test('Varnish is installed for the topology test only, and asked for when it cannot be', () => {
    const missing = (change: (p: ServiceProbe) => void = () => {}) =>
      planServices(
        machine((p) => {
          p.varnish.present = false;
          change(p);
        }),
      );
    assert.deepEqual(missing(), { steps: [{ do: 'install-varnish' }], problems: [] });
    assert.deepEqual(
      missing((p) => (p.varnish.needed = false)),
      { steps: [], problems: [] },
    );
    const notRoot = missing((p) => (p.root = false));
    assert.deepEqual(notRoot.steps, []);
    assert.match(notRoot.problems[0] ?? '', /apt-get install varnish varnish-modules/);
  });

  test('what cannot be done is asked for in words that say what to run', () => {
    const notRoot = planServices(
      machine((p) => {
        p.root = false;
        p.postgres.answers = false;
        p.chromium.present = false;
      }),
    );
    assert.deepEqual(notRoot.steps, []);
    assert.deepEqual(notRoot.problems, [
      'PostgreSQL 15 is installed but stopped: start it with `sudo pg_ctlcluster 15 main start` and run the tests again.',
      "The browser tests need Debian's Chromium at /usr/bin/chromium: install it (`sudo apt-get install chromium`) and run the tests again.",
    ]);
    const bare = planServices(
      machine((p) => {
        p.postgres = { answers: false, local: true, cluster: null };
        p.redis = { answers: false, local: true, serverInstalled: false };
        p.chromium.aptGet = false;
        p.chromium.present = false;
      }),
    );
    assert.deepEqual(bare.steps, []);
    assert.equal(bare.problems.length, 3);
    assert.match(bare.problems[0] ?? '', /apt-get install postgresql/);
    assert.match(bare.problems[1] ?? '', /apt-get install redis-server/);
    assert.match(bare.problems[2] ?? '', /apt-get install chromium/);
  });

  test('a server elsewhere (TEST_PG_URL, TEST_REDIS_URL) is not started here', () => {
    const remote = planServices(
      machine((p) => {
        p.postgres.answers = false;
        p.postgres.local = false;
        p.redis.answers = false;
        p.redis.local = false;
      }),
    );
    assert.deepEqual(remote.steps, []);
    assert.match(remote.problems[0] ?? '', /TEST_PG_URL/);
    assert.match(remote.problems[1] ?? '', /TEST_REDIS_URL/);
  });

  test('the probes see this machine as it is: the suite’s services answer, a closed port does not', async () => {
    const probe = await probeServices({ browser: true });
    assert.equal(probe.postgres.answers, true, 'PostgreSQL answers (the suite needs it)');
    assert.equal(probe.redis.answers, true, 'Redis answers');
    assert.equal(probe.chromium.present, true);
    assert.deepEqual(planServices(probe), { steps: [], problems: [] });

    // A port that was just free: nothing listens, so neither probe may take it for a server.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    assert.equal(await postgresAnswers(`postgres://postgres@127.0.0.1:${port}/test`), false);
    assert.equal(await redisAnswers(`redis://127.0.0.1:${port}`), false);
    // A listener that is not Redis (says nothing) is not Redis either.
    const mute = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => mute.once('listening', r));
    try {
      assert.equal(await redisAnswers(`redis://127.0.0.1:${(mute.address() as { port: number }).port}`), false);
    } finally {
      mute.close();
    }
  });
});
