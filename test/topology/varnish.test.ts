import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppDeps } from '../../src/app.deps.js';
import { createDeps } from '../../src/boot.js';
import { loadConfig } from '../../src/config.js';
import { createPgDatabase } from '../support/db.js';
import { type DeskClient, publishThrough, signedInOver } from '../support/desk.js';
import { makeSection, makeStory } from '../support/factories.js';
import { ROOT, type ServerProcess, freePort, startServerProcess } from '../support/process.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { waitFor } from '../support/wait.js';
import { type VarnishProcess, backendsVcl, startVarnish } from './varnish.process.js';

/**
 * The deployment docs/deploy.md describes, run for real: Debian's Varnish with the shipped VCL in front of two
 * Broadsheet processes (src/main.ts) on one fresh PostgreSQL database, with Redis carrying events between them
 * and each process's purge webhook pointed at the Varnish. Every request below goes through the Varnish.
 */
describe('Varnish in front of two processes on PostgreSQL and Redis', () => {
  let dir: string;
  let drop: (() => Promise<void>) | null = null;
  let deps: AppDeps;
  let varnish: VarnishProcess;
  const servers: ServerProcess[] = [];
  let newsId: number;
  let otherPath: string;
  let editor: DeskClient;

  /** A GET through the Varnish, with what it said about its store and which process answered. */
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(varnish.url + path, { headers, redirect: 'manual' });
    const body = await res.text();
    return {
      status: res.status,
      body,
      cache: res.headers.get('x-varnish-cache'),
      age: Number(res.headers.get('age') ?? 0),
      servedBy: res.headers.get('x-served-by'),
      headers: res.headers,
    };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-topology-'));
    const db = await createPgDatabase();
    drop = db.drop;
    // The database is migrated once before the processes start, as a deploy would; the setup's rows are written here.
    deps = await createDeps(loadConfig({ DATABASE_URL: db.url, DATA_DIR: dir, SEED_DEMO: '0' }), { log: () => {} });
    newsId = (await makeSection(deps, { name: 'News' })).id;
    const other = await makeSection(deps, { name: 'Gardening' });
    await makeStory(deps, { headline: 'Tomatoes in December', sectionId: other.id });
    await makeStory(deps, { headline: 'Yesterday in the council', sectionId: newsId });
    otherPath = `/sections/${other.slug}`;
    // The processes learn the Varnish's address only after it starts (it needs theirs first): the purge webhook
    // and the public URL name a port chosen now.
    const varnishPort = await freePort();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      SEED_DEMO: '0',
      LOG_REQUESTS: '0',
      // An hour: a page that changes before then can only have been purged.
      HTTP_S_MAXAGE: '3600',
      PUBLIC_URL: `http://127.0.0.1:${varnishPort}`,
      PURGE_WEBHOOK_URL: `http://127.0.0.1:${varnishPort}/`,
      TRUST_PROXY: '1',
      MEDIA_DIR: join(dir, 'media'),
    };
    servers.push(
      ...(await Promise.all([
        startServerProcess({ ...env, DATA_DIR: join(dir, 'a') }),
        startServerProcess({ ...env, DATA_DIR: join(dir, 'b') }),
      ])),
    );
    const example = readFileSync(join(ROOT, 'deploy/varnish/broadsheet-backends.vcl'), 'utf8');
    const ports = servers.map((s) => Number(new URL(s.url).port));
    varnish = await startVarnish(dir, backendsVcl(example, ports), varnishPort);
    editor = await signedInOver(deps, varnish.url, 'editor');
  });

  after(async () => {
    await varnish?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await deps?.database.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('both processes answer, and a page is stored once and then served from the Varnish', async () => {
    const seen = new Set<string | null>();
    for (let i = 0; i < 4; i++) seen.add((await get('/healthz')).servedBy);
    assert.deepEqual([...seen].sort(), ['app1', 'app2'], 'round robin over both');
    const first = await get(otherPath, { 'accept-encoding': 'br, gzip' });
    assert.equal(first.status, 200);
    assert.match(first.body, /Tomatoes in December/);
    assert.equal(first.cache, 'MISS');
    assert.equal(first.headers.get('surrogate-key'), null, 'the keys are for the Varnish, not browsers');
    const again = await get(otherPath, { 'accept-encoding': 'br, gzip' });
    assert.equal(again.cache, 'HIT');
    assert.equal(again.headers.get('content-encoding'), 'br');
    // (fetch asks for gzip when told nothing: `identity` is how it says "no coding".)
    const plain = await get(otherPath, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null, 'a client without codings gets the plain bytes');
    assert.equal(plain.body, first.body);
    assert.equal((await get(otherPath, { 'accept-encoding': 'gzip' })).headers.get('content-encoding'), 'gzip');
    // A signed-in reader shares the anonymous copy; their own state is passed through with their cookie.
    const reader = await get(otherPath, { cookie: 'bs_reader=abc; bs_reader_on=1', 'accept-encoding': 'br, gzip' });
    assert.equal(reader.cache, 'HIT');
    const state = await get('/account/state.json', { cookie: 'bs_reader=abc; bs_reader_on=1' });
    assert.equal(state.cache, 'PASS');
  });

  test('the desk, a reader’s account and the live stream are never cached', async () => {
    for (let i = 0; i < 2; i++) {
      assert.equal((await get('/desk/login')).cache, 'PASS', 'the desk’s sign-in page');
      const res = await editor.get('/desk');
      await res.text();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-varnish-cache'), 'PASS', 'the signed-in desk');
      assert.equal((await get('/account')).cache, 'PASS');
    }
    const stream = new AbortController();
    const live = await fetch(`${varnish.url}/live/feed`, {
      signal: stream.signal,
      headers: { accept: 'text/event-stream' },
    });
    assert.equal(live.status, 200);
    assert.match(live.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.equal(live.headers.get('x-varnish-cache'), 'PASS');
    stream.abort();
    await live.body?.cancel().catch(() => {});
  });

  test('a publish through the desk is on the home page once its purge arrives, and an unrelated page stays cached', async (t) => {
    await get('/');
    const cachedHome = await get('/');
    assert.equal(cachedHome.cache, 'HIT', 'the home page is in the Varnish before the publish');
    const before = await get(otherPath);
    assert.equal(before.cache, 'HIT');
    const started = performance.now();
    await publishThrough(editor, newsId, 'Council approves the new bridge');
    const answered = performance.now();
    // Within seconds, not s-maxage's hour: only a purge by key explains it. (The purge is sent after the
    // publish answers, so the first request may still beat it: asked until it shows, never timed.)
    const fresh = await waitFor(
      async () => {
        const home = await get('/');
        return home.body.includes('Council approves the new bridge') && home;
      },
      { timeoutMs: 10_000, message: 'the home page through the Varnish to show the publish' },
    );
    const shown = performance.now();
    t.diagnostic(
      `the publish showed on the home page through the Varnish ${Math.round(shown - answered)} ms after the desk ` +
        `answered it (${Math.round(shown - started)} ms after the create was sent)`,
    );
    assert.equal(fresh.status, 200);
    const after = await get(otherPath);
    assert.equal(after.cache, 'HIT', 'the other section’s page names none of the purged keys');
    assert.ok(after.age >= before.age, 'the same stored copy, not a new one');
    assert.equal(after.headers.get('etag'), before.headers.get('etag'));
  });

  test('a process killed with kill -9 costs readers nothing: the other one answers', async () => {
    const victim = servers[1]!;
    victim.child.kill('SIGKILL');
    assert.equal(await victim.stop(), null, 'killed, not exited');
    // At once, before the health probe has noticed: cached pages from the store, the rest retried on app1.
    const paths = ['/', otherPath, '/healthz', '/search?q=council', '/feed.xml', '/api/v1/stories', '/sections/news'];
    // None of these is in the Varnish yet but the first two, and /healthz is never stored: half the fetches go to
    // the dead process first.
    for (let round = 0; round < 3; round++)
      for (const path of paths) {
        const res = await get(path);
        assert.equal(res.status, 200, `${path} round ${round}`);
        if (res.cache !== 'HIT')
          assert.equal(res.servedBy, 'app1', `${path} round ${round}: fetched from the survivor`);
      }
    // The probe marks the dead process sick, so no change goes to it any more. (A change sent before then, in
    // the probe's few seconds, is answered 503: Varnish does not repeat a POST, which may have been half done.)
    await waitFor(() => varnish.backends().app2 === 'sick', {
      timeoutMs: 20_000,
      message: 'the health probe to mark the killed process sick',
    });
    assert.equal(varnish.backends().app1, 'healthy');
    // And the newsroom keeps publishing through the survivor.
    await publishThrough(editor, newsId, 'Bridge works start on Monday');
    await waitFor(async () => (await get('/')).body.includes('Bridge works start on Monday'), {
      timeoutMs: 10_000,
      message: 'the publish on the survivor to reach the home page',
    });
  });
});
