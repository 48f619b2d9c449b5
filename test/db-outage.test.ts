import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppDeps } from '../src/app.deps.js';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { type EventRelay, startEventRelay } from '../src/live/relay.js';
import { unpublishStory } from '../src/stories/story.service.js';
import { storyUrl } from '../src/stories/story.url.js';
import { makeSection, makeStory } from './support/factories.js';
import { type PgCluster, type RedisServer, startPgCluster, startRedisServer } from './support/pg-cluster.js';
import { type ServerProcess, startServerProcess } from './support/process.js';
import { openSse } from './support/sse.js';
import { waitFor } from './support/wait.js';

// A bad day, on a PostgreSQL cluster and a Redis of the test's own (test/support/pg-cluster.ts): they are
// stopped and restarted under a running newsroom. The machine's shared servers are never touched.
// (SQLite has no server to lose; its one way to be away, locked past the busy timeout, is in unavailable.test.)

const noStack = (body: string) => !/at .*\.(?:ts|js):\d+/.test(body) && !/57P01|ECONNREFUSED/.test(body);

describe('the database goes away and comes back (PostgreSQL, in process)', () => {
  let cluster: PgCluster;
  let deps: AppDeps;
  let app: Hono;
  let dir: string;
  before(async () => {
    cluster = await startPgCluster();
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-outage-'));
    const url = await cluster.createDatabase('outage');
    deps = await createDeps(
      loadConfig({
        DATABASE_URL: url,
        DATA_DIR: dir,
        PUBLIC_URL: 'http://news.test',
        LOG_REQUESTS: '0',
        SEED_DEMO: '0',
      }),
      { log: () => {} },
    );
    app = createApp(deps);
  });
  after(async () => {
    await deps.database.close();
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  test('cached pages are served stale, others get a calm 503 with Retry-After, /healthz says so, and it recovers by itself', async () => {
    const section = await makeSection(deps, { name: 'City' });
    const read = await makeStory(deps, { sectionId: section.id, headline: 'Bridge reopens' });
    const unread = await makeStory(deps, { sectionId: section.id, headline: 'Council meets' });
    for (const path of ['/', storyUrl(read.slug)]) {
      await get(path);
      await deps.cache.settled();
      assert.equal((await get(path)).headers.get('x-cache'), 'HIT', `${path} is cached`);
    }
    // A publish purges the home page (not the story page), just before the database goes away.
    await makeStory(deps, { sectionId: section.id, headline: 'Tram line extended' });
    await waitFor(() => !deps.cache.has('/'), { message: 'the publish to purge the home page' });

    await cluster.stop();
    const home = await get('/');
    assert.equal(home.status, 200, 'the purged home page is served as it was');
    assert.equal(home.headers.get('x-cache'), 'STALE');
    assert.equal(home.headers.get('cache-control'), 'no-store');
    assert.match(home.body, /Bridge reopens/);
    assert.equal((await get(storyUrl(read.slug))).status, 200, 'a page still cached is a hit');

    const page = await get(storyUrl(unread.slug));
    assert.equal(page.status, 503, 'never rendered, nothing to serve');
    assert.equal(page.headers.get('retry-after'), '5');
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.body, /Back in a moment/);
    assert.ok(noStack(page.body), 'no stack trace or driver message');

    const api = await get('/api/v1/stories?limit=3');
    assert.equal(api.status, 503);
    assert.equal(api.headers.get('retry-after'), '5');
    assert.equal(JSON.parse(api.body).error.code, 'unavailable');
    assert.ok(noStack(api.body));

    const down = await get('/healthz');
    assert.equal(down.status, 503);
    assert.deepEqual(JSON.parse(down.body), { status: 'down', database: 'postgres', services: { database: 'down' } });

    await cluster.start();
    await waitFor(async () => (await get('/healthz')).status === 200, { message: '/healthz to recover' });
    const fresh = await get('/');
    assert.equal(fresh.status, 200);
    assert.match(fresh.body, /Tram line extended/, 'the first render after recovery is current');
    assert.equal((await get(storyUrl(unread.slug))).status, 200);
  });

  test('a story taken down is not served stale: no copy of its page or of the lists that showed it is kept', async () => {
    const section = await makeSection(deps, { name: 'Courts' });
    const story = await makeStory(deps, { sectionId: section.id, headline: 'Withdrawn on legal advice' });
    for (const path of ['/', storyUrl(story.slug)]) {
      await get(path);
      await deps.cache.settled();
    }
    await unpublishStory(deps, story.id, 'test');
    await waitFor(() => !deps.cache.has(storyUrl(story.slug)) && !deps.cache.has('/'), { message: 'the purge' });
    await cluster.stop();
    try {
      assert.equal((await get(storyUrl(story.slug))).status, 503);
      const home = await get('/');
      assert.equal(home.status, 503, 'the home page that listed it is not served from before the take-down');
      assert.doesNotMatch(home.body, /Withdrawn on legal advice/);
    } finally {
      await cluster.start();
    }
    await waitFor(async () => (await get('/healthz')).status === 200, { message: '/healthz to recover' });
  });
});

describe('a server process under read load while its database restarts (PostgreSQL, page cache off)', () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let dir: string;
  before(async () => {
    cluster = await startPgCluster();
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-outage-proc-'));
    const url = await cluster.createDatabase('newsroom');
    // Every request reaches the database, as in the report's worst case (40–260 bare 500s per restart).
    server = await startServerProcess({ DATABASE_URL: url, DATA_DIR: dir, SEED_DEMO: '1', RENDER_CACHE: '0' });
  });
  after(async () => {
    await server?.stop();
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('lives through two restarts: no 500, only 200s and 503s with Retry-After, then recovers by itself', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    const story = /href="(\/stories\/[a-z0-9-]+)"/.exec(home)?.[1];
    assert.ok(story);
    const paths = ['/', story, '/api/v1/stories?limit=5', '/feed.xml', '/search?q=city', '/healthz'];
    const seen = new Map<number, number>();
    const bad: string[] = [];
    let running = true;
    const reader = async () => {
      for (let i = 0; running; i++) {
        const path = paths[i % paths.length]!;
        try {
          const res = await fetch(server.url + path);
          const body = await res.text();
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          if (res.status === 503 && !res.headers.get('retry-after')) bad.push(`${path}: 503 without Retry-After`);
          if (res.status >= 500 && res.status !== 503) bad.push(`${path}: ${res.status} ${body.slice(0, 200)}`);
          if (res.status === 503 && !noStack(body)) bad.push(`${path}: stack in 503`);
        } catch (err) {
          bad.push(`${path}: ${String(err)}`);
        }
      }
    };
    const readers = Array.from({ length: 8 }, reader);
    for (let n = 0; n < 2; n++) {
      await cluster.stop();
      // An outage long enough for every reader to meet it.
      await waitFor(() => (seen.get(503) ?? 0) > 10 * (n + 1), { message: 'readers to meet the outage' });
      assert.equal(server.child.exitCode, null, 'the process is alive during the outage');
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      assert.equal(((await health.json()) as { services: { database: string } }).services.database, 'down');
      await cluster.start();
      await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, {
        timeoutMs: 15_000,
        message: 'the server to reconnect by itself',
      });
    }
    await cluster.restart();
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, { timeoutMs: 15_000 });
    running = false;
    await Promise.all(readers);
    assert.equal(server.child.exitCode, null, 'the process is alive');
    assert.deepEqual(bad, []);
    for (const path of paths) assert.equal((await fetch(server.url + path)).status, 200, `${path} after recovery`);
    assert.ok(
      server.lines.some((l) => l.msg === 'database unavailable'),
      'the outage is logged as such, not as errors',
    );
    assert.ok(!server.lines.some((l) => l.msg === 'error'), 'no request logged as an internal error');
  });
});

describe('LISTEN/NOTIFY across a database restart (events between processes)', () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let desk: AppDeps;
  let relay: EventRelay | null;
  let dir: string;
  before(async () => {
    cluster = await startPgCluster();
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-outage-listen-'));
    const env = { DATABASE_URL: await cluster.createDatabase('newsroom'), LIVE_POLL_SECONDS: '0' };
    desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir, SEED_DEMO: '0' }), { log: () => {} });
    relay = await startEventRelay(desk);
    server = await startServerProcess({ ...env, DATA_DIR: join(dir, 'server'), SEED_DEMO: '0', LOG_REQUESTS: '0' });
  });
  after(async () => {
    await server?.stop();
    await relay?.close();
    await desk?.database.close();
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the listener reconnects and listens again by itself: a story published after the restart reaches live readers', async () => {
    const section = await makeSection(desk, { name: 'Transport' });
    const live = openSse(`${server.url}/live/feed`);
    assert.equal(await live.status, 200);
    await makeStory(desk, { sectionId: section.id, headline: 'Before the restart' });
    await live.waitFor((e) => e.length >= 1, 'the first event over NOTIFY');
    await cluster.restart();
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, { timeoutMs: 15_000 });
    // The readers' stream survives the restart (it is the server's, not the database's).
    const after = await waitFor(
      async () => {
        try {
          return await makeStory(desk, { sectionId: section.id, headline: 'After the restart' });
        } catch {
          return null; // this process's pool meets the restart too
        }
      },
      { timeoutMs: 15_000, message: 'a publish after the restart' },
    );
    await live.waitFor(
      (e) => e.some((x) => x.data.storyId === after.id),
      'the event published after the restart',
      15_000,
    );
    live.close();
    assert.ok(server.lines.some((l) => l.msg === 'relay: postgres listener failed, reconnecting'));
    assert.equal(server.child.exitCode, null);
  });
});

describe('Redis goes away and comes back (events between processes)', () => {
  let cluster: PgCluster;
  let redis: RedisServer;
  let server: ServerProcess;
  let desk: AppDeps;
  let relay: EventRelay | null;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    [cluster, redis] = await Promise.all([startPgCluster(), startRedisServer()]);
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-outage-redis-'));
    env = { DATABASE_URL: await cluster.createDatabase('newsroom'), REDIS_URL: redis.url, LIVE_POLL_SECONDS: '0' };
    desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir, SEED_DEMO: '0' }), { log: () => {} });
    relay = await startEventRelay(desk);
    // The safety poll is off: what reaches the server's readers can only come through Redis or its reconnect.
    server = await startServerProcess({ ...env, DATA_DIR: join(dir, 'server'), SEED_DEMO: '0', LOG_REQUESTS: '0' });
  });
  after(async () => {
    await server?.stop();
    await relay?.close();
    await desk?.database.close();
    await redis.destroy();
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no crash, /healthz reports it, events resume, and a reader resuming with Last-Event-ID misses nothing', async () => {
    const section = await makeSection(desk, { name: 'Weather' });
    const live = openSse(`${server.url}/live/feed`);
    assert.equal(await live.status, 200);
    const first = await makeStory(desk, { sectionId: section.id, headline: 'Storm warning' });
    await live.waitFor((e) => e.length >= 1, 'the first event through Redis');
    const resumeFrom = live.lastId()!;
    live.close();
    await waitFor(async () => (await fetch(`${server.url}/`)).headers.get('x-cache') === 'HIT', {
      message: 'the home page to be cached',
    });

    await redis.stop();
    await waitFor(
      async () => {
        const res = await fetch(`${server.url}/healthz`);
        const body = (await res.json()) as { status: string; services: Record<string, string> };
        return res.status === 200 && body.status === 'degraded' && body.services.redis === 'down';
      },
      { message: '/healthz to report Redis down' },
    );
    // Published while Redis is away by a process that ends before it comes back (its notice never leaves it):
    // the feed-event log keeps the change, and the server must not keep serving pages from before it.
    const lone = await createDeps(loadConfig({ ...env, DATA_DIR: join(dir, 'lone'), SEED_DEMO: '0' }), {
      log: () => {},
    });
    const during = await makeStory(lone, { sectionId: section.id, headline: 'Roads closed' });
    await lone.searchIndex.settled();
    await lone.database.close();
    assert.equal((await fetch(`${server.url}/`)).status, 200, 'pages do not need Redis');
    await redis.start();
    await waitFor(
      async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { status: string }).status === 'ok',
      {
        timeoutMs: 15_000,
        message: 'the server to reconnect to Redis',
      },
    );
    // The home page the server cached before the outage (caches have no expiry) shows what was published during it.
    await waitFor(async () => (await (await fetch(`${server.url}/`)).text()).includes('Roads closed'), {
      message: 'the home page cached before the outage to be dropped',
    });
    const back = openSse(`${server.url}/live/feed`, { lastEventId: resumeFrom });
    const later = await makeStory(desk, { sectionId: section.id, headline: 'Storm passes' });
    await back.waitFor((e) => e.length >= 2, 'the missed event and the new one', 15_000);
    assert.deepEqual(
      back.events.map((e) => `${e.data.type}:${e.data.storyId}`),
      [`story.published:${during.id}`, `story.published:${later.id}`],
    );
    back.close();
    assert.ok(first.id < during.id);
    assert.equal(server.child.exitCode, null);
  });
});
