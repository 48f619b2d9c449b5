import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { startServerProcess } from '../../test/support/process.js';
import { waitFor } from '../../test/support/wait.js';
import type { DomainEvent } from '../events/events.js';
import { watchOtherWriters } from './sqlite-watch.js';

// Embedded SQLite only: PostgreSQL and Redis carry events between processes themselves (live.multiprocess.test).
describe('a SQLite server hears of writes made by other processes', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv('sqlite');
  });
  after(() => env.close());

  test("its own writes go unremarked; another connection's commit drops what it keeps", async () => {
    const seen: DomainEvent[] = [];
    const unsubscribe = env.deps.events.subscribe((e) => void seen.push(e));
    let changes = 0;
    const stop = watchOtherWriters(env.deps, () => changes++, 20);
    try {
      const city = await makeSection(env.deps, { name: 'City' });
      await makeStory(env.deps, { headline: 'Written by the server itself', sectionId: city.id });
      await sleep(150);
      assert.deepEqual(
        seen.filter((e) => e.type === 'site.replaced'),
        [],
        "the server's own commits are not another writer",
      );
      assert.equal((await env.deps.lookups.sections()).find((s) => s.id === city.id)?.name, 'City');

      const other = new SQLite(env.databaseUrl);
      other.prepare('update sections set name = ? where id = ?').run('Metro', city.id);
      other.close();
      await waitFor(() => seen.some((e) => e.type === 'site.replaced' && e.actor === 'another process'), {
        message: 'site.replaced delivered',
      });
      assert.equal(changes, 1);
      assert.equal(
        (await env.deps.lookups.sections()).find((s) => s.id === city.id)?.name,
        'Metro',
        'lookups read again',
      );
    } finally {
      stop();
      unsubscribe();
    }
  });

  test('a running server process shows what a command beside it wrote, though its pages were cached', async () => {
    const city = await makeSection(env.deps, { name: 'Harbour' });
    const story = await makeStory(env.deps, { headline: 'Ferries run again', sectionId: city.id });
    const server = await startServerProcess({
      DATA_DIR: env.dir,
      DATABASE_URL: env.databaseUrl,
      SEED_DEMO: '0',
      LOG_REQUESTS: '0',
      RENDER_CACHE: '1',
    });
    try {
      const get = () => fetch(`${server.url}/stories/${story.slug}`);
      assert.match(await (await get()).text(), /Ferries run again/);
      const cached = await get();
      assert.equal(cached.headers.get('x-cache'), 'HIT');
      await cached.text();
      // What an import or a restore run from the command line does: write the file from another process.
      const other = new SQLite(env.databaseUrl);
      other.prepare('update stories set headline = ? where id = ?').run('Ferries run again after the storm', story.id);
      other.close();
      await waitFor(async () => /Ferries run again after the storm/.test(await (await get()).text()), {
        intervalMs: 50,
        message: 'the page to show the new headline',
      });
    } finally {
      await server.stop();
    }
  });
});
