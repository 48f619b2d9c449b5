import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppDeps } from '../app.deps.js';
import { createDeps } from '../boot.js';
import { loadConfig } from '../config.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { DIALECTS, createPgDatabase } from '../../test/support/db.js';
import { type ServerProcess, startServerProcess } from '../../test/support/process.js';
import { openSse } from '../../test/support/sse.js';
import { waitFor } from '../../test/support/wait.js';
import { publishThrough, signedInOver } from '../../test/support/desk.js';
import { updateStory } from '../stories/story.service.js';
import { type EventRelay, startEventRelay } from './relay.js';
import { TEST_REDIS_URL as REDIS_URL } from '../../test/support/services.js';

// Two real server processes (tsx src/main.ts) on one database. The safety poll is off
// (LIVE_POLL_SECONDS=0), so what reaches the second process can only have come through the relay.
const setups: { dialect: 'sqlite' | 'postgres'; redis: boolean }[] = [
  { dialect: 'postgres', redis: false },
  ...DIALECTS.map((dialect) => ({ dialect, redis: true })),
];

for (const { dialect, redis } of setups) {
  describe(`two server processes (${dialect}, ${redis ? 'Redis' : 'LISTEN/NOTIFY'})`, () => {
    let dir: string;
    let drop: (() => Promise<void>) | null = null;
    let servers: ServerProcess[] = [];
    let desk: AppDeps;
    let relay: EventRelay | null;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'broadsheet-mp-'));
      const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
      drop = pgDb?.drop ?? null;
      const env = {
        DATABASE_URL: pgDb?.url ?? join(dir, 'shared.db'),
        LIVE_POLL_SECONDS: '0',
        ...(redis ? { REDIS_URL } : {}),
      };
      // The database is migrated once before the servers start, as a deploy would.
      desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir, SEED_DEMO: '0' }), { log: () => {} });
      relay = await startEventRelay(desk);
      const proc = { ...env, SEED_DEMO: '0', LOG_REQUESTS: '0' };
      servers = await Promise.all([
        startServerProcess({ ...proc, DATA_DIR: join(dir, 'a') }),
        startServerProcess({ ...proc, DATA_DIR: join(dir, 'b') }),
      ]);
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await relay?.close();
      await desk?.database.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    test(
      'a story published through one process reaches readers of every process, in order; a reader moving between ' +
        'processes resumes without gaps',
      async () => {
        const [a, b] = servers as [ServerProcess, ServerProcess];
        assert.equal(a.lines.find((l) => l.msg === 'listening')?.relay, redis ? 'redis' : 'postgres');
        const onA = [openSse(`${a.url}/live/feed`), openSse(`${a.url}/live/feed`)];
        const onB = [openSse(`${b.url}/live/feed`), openSse(`${b.url}/live/feed`), openSse(`${b.url}/live/feed`)];
        for (const r of [...onA, ...onB]) assert.equal(await r.status, 200);
        const sectionId = (await makeSection(desk, { name: 'Elections' })).id;
        // Published through process A's desk, then through B's; corrected from a third process (this one).
        const s1 = await publishThrough(await signedInOver(desk, a.url, 'editor'), sectionId, 'Polls close');
        const s2 = await publishThrough(await signedInOver(desk, b.url, 'editor'), sectionId, 'First results');
        await updateStory(desk, s1.id, { headline: 'Polls closed at 8pm' }, 'desk');
        const want = [`story.published:${s1.id}`, `story.published:${s2.id}`, `story.updated:${s1.id}`];
        for (const r of [...onA, ...onB]) {
          await r.waitFor((e) => e.length >= 3, 'three events');
          assert.deepEqual(
            r.events.map((e) => `${e.data.type}:${e.data.storyId}`),
            want,
          );
        }
        assert.equal(onB[0]!.events[2]!.data.headline, 'Polls closed at 8pm');
        // The reader on A loses its connection after the first event and comes back through B.
        const resume = onA[0]!.events[0]!.id!;
        for (const r of [...onA, ...onB]) r.close();
        const s3 = await makeStory(desk, { sectionId, headline: 'Turnout record' });
        const back = openSse(`${b.url}/live/feed`, { lastEventId: resume });
        await back.waitFor((e) => e.length >= 3, 'replay on the other process');
        assert.deepEqual(
          back.events.map((e) => `${e.data.type}:${e.data.storyId}`),
          [`story.published:${s2.id}`, `story.updated:${s1.id}`, `story.published:${s3.id}`],
        );
        back.close();
      },
    );

    test('a publish in one process purges the cached pages, feeds and API lists of every process, and only those', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const news = (await makeSection(desk, { name: 'Cross-process news' })).id;
      const quiet = await makeSection(desk, { name: 'Quiet corner' });
      await makeStory(desk, { sectionId: quiet.id, headline: 'Nothing new here' });
      const listing = ['/', '/feed.xml', '/api/v1/stories'];
      const unrelated = `/sections/${quiet.slug}`;
      const xcache = async (url: string) => {
        const res = await fetch(url);
        return { cache: res.headers.get('x-cache'), body: await res.text() };
      };
      // Warm every page in both processes until each answers from its cache.
      for (const server of [a, b])
        for (const path of [...listing, unrelated])
          await waitFor(async () => (await xcache(server.url + path)).cache === 'HIT', {
            timeoutMs: 2000,
            message: `${path} to become a cache hit`,
          });
      // Published from this (third) process: only the relay can tell A and B. Their caches have no expiry.
      await makeStory(desk, { sectionId: news, headline: 'Relayed purge works' });
      for (const server of [a, b])
        for (const path of listing)
          await waitFor(async () => (await xcache(server.url + path)).body.includes('Relayed purge works'), {
            message: `${path} on ${server.url} to drop the page from before the publish`,
          });
      for (const server of [a, b])
        assert.equal(
          (await xcache(server.url + unrelated)).cache,
          'HIT',
          `${unrelated} does not list the story and stays cached`,
        );
    });
  });
}
