// `npm run soak -- --minutes 10`: a bad day at ten times a busy newsroom's rate. Two server processes on a
// PostgreSQL cluster of the soak's own (test/support/pg-cluster.ts: the machine's shared one is never touched),
// 50 readers' connections across home, stories, sections, search, feeds and the API (spread over the processes
// that answer, as a load balancer with passive health checks would), a publish through the desk API every 2 s,
// and in the middle a `kill -9` of one process (restarted) and a database restart. Reports 5xx, errors,
// acknowledged writes lost and recovery time; exits non-zero on any loss, on any 5xx outside the database
// outage (or any 5xx but 503 inside it), or when a process dies by itself or does not recover.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { storyById } from '../src/stories/story.repo.js';
import type { TestApp } from '../test/support/app.js';
import { signedIn } from '../test/support/desk.js';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { type ServerProcess, startServerProcess } from '../test/support/process.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'publish-every': { type: 'string', default: '2' },
  },
});
const DURATION = Number(args.minutes) * 60_000;
const CONNECTIONS = Number(args.connections);
const PUBLISH_MS = Number(args['publish-every']) * 1000;
/** How long the database stays down in its restart (`pg_ctlcluster restart` took 2–3 s in the report). */
const DB_DOWN_MS = 2500;
/** Longest the newsroom may take to recover from each fault before the soak calls it a failure. */
const RECOVERY_LIMIT_MS = 30_000;

const t0 = Date.now();
const at = () => ((Date.now() - t0) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`[soak ${at()}s] ${line}\n`);

interface Slot {
  name: string;
  server: ServerProcess;
  inRotation: boolean;
  /** Killed on purpose: its exit is expected. */
  killed: boolean;
}

const slots: Slot[] = [];
let stopping = false;
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-soak-'));
const cluster = await startPgCluster();
// Interrupted (Ctrl-C): leave no server process, cluster or directory behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    stopping = true;
    for (const s of slots) s.server.child.kill('SIGKILL');
    void cluster.destroy().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  });
const databaseUrl = await cluster.createDatabase('soak');
const env = { DATABASE_URL: databaseUrl, LOG_REQUESTS: '0', HTTP_MAX_AGE: '0' };
let failed = false;
const fail = (why: string) => {
  failed = true;
  say(`FAIL: ${why}`);
};

const startSlot = async (name: string, seed: boolean): Promise<Slot> => {
  const server = await startServerProcess({ ...env, DATA_DIR: join(dir, name), SEED_DEMO: seed ? '1' : '0' });
  const slot: Slot = { name, server, inRotation: true, killed: false };
  server.child.on('exit', (code, signal) => {
    slot.inRotation = false;
    if (!slot.killed && !stopping) fail(`process ${name} died by itself (${code ?? signal})`);
  });
  return slot;
};
// The first process seeds the demo newsroom (300 stories); the second starts on it.
slots.push(await startSlot('a', true));
slots.push(await startSlot('b', false));
const desk = await createDeps(loadConfig({ ...env, DATA_DIR: join(dir, 'desk'), SEED_DEMO: '0' }), { log: () => {} });

let next = 0;
const pick = (): Slot | null => {
  const live = slots.filter((s) => s.inRotation);
  return live.length ? live[next++ % live.length]! : null;
};

// What readers ask for: found on the seeded site itself.
const home = await (await fetch(`${slots[0]!.server.url}/`)).text();
const stories = [...new Set([...home.matchAll(/href="(\/stories\/[a-z0-9-]+)"/g)].map((m) => m[1]!))];
const sections = [...new Set([...home.matchAll(/href="(\/sections\/[a-z0-9-]+)"/g)].map((m) => m[1]!))];
const words = ['city', 'council', 'election', 'storm', 'school', 'market', 'river', 'prices'];
const readPath = (i: number): string => {
  const r = i % 10;
  if (r < 2) return '/';
  if (r < 5) return stories[i % stories.length] ?? '/';
  if (r === 5) return sections[i % Math.max(sections.length, 1)] ?? '/';
  if (r === 6) return `/search?q=${words[i % words.length]}`;
  if (r === 7) return ['/feed.xml', '/feed.json', '/feed.atom'][i % 3]!;
  return r === 8
    ? '/api/v1/stories?limit=10'
    : stories[(i * 7) % stories.length]!.replace('/stories/', '/api/v1/stories/');
};

// The database outage window: from the stop until every process answers again (5xx inside it are expected).
const outage = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
const counts = new Map<string, number>();
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
const fiveXxOutside: string[] = [];
let requests = 0;
let errors = 0;
let stale = 0;
const latencies: number[] = [];

let running = true;
const reader = async (id: number) => {
  for (let i = id * 13; running; i++) {
    const slot = pick();
    if (!slot) {
      await sleep(50);
      continue;
    }
    const path = readPath(i);
    const began = Date.now();
    try {
      const res = await fetch(slot.server.url + path, { headers: { 'accept-encoding': 'br, gzip' } });
      await res.arrayBuffer();
      requests++;
      latencies.push(Date.now() - began);
      bump(String(res.status));
      if (res.headers.get('x-cache') === 'STALE') stale++;
      if (res.status >= 500) {
        const inside = began <= outage.end && Date.now() >= outage.start;
        if (!inside || res.status !== 503) fiveXxOutside.push(`${res.status} ${path} on ${slot.name} at ${at()}s`);
        if (res.status === 503 && !res.headers.get('retry-after'))
          fiveXxOutside.push(`503 without Retry-After ${path}`);
      }
    } catch {
      // The process is gone (kill -9): a load balancer's passive check takes it out of rotation.
      errors++;
      slot.inRotation = false;
    }
  }
};

// The desk: an editor publishing a story every 2 s, through whichever process answers.
const remote = {
  request: (path: string, init?: RequestInit) => {
    const slot = pick();
    if (!slot) return Promise.reject(new Error('no process in rotation'));
    return fetch(slot.server.url + path, { ...init, redirect: 'manual' });
  },
};
const editor = await signedIn({ deps: desk, app: remote } as unknown as TestApp, 'editor');
const sectionId = (await desk.db.selectFrom('sections').select('id').executeTakeFirstOrThrow()).id;
const acknowledged: number[] = [];
let refused = 0;
let publishes = 0;
const publisher = async () => {
  while (running) {
    const began = Date.now();
    publishes++;
    try {
      const created = await editor.postJson('/desk/api/stories', {
        story: {
          headline: `Soak story ${publishes}`,
          sectionId,
          body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'Filed during the soak.' }] }] },
        },
      });
      if (created.status === 201) {
        const { id } = (await created.json()) as { id: number };
        const published = await editor.postJson(`/desk/api/stories/${id}/publish`, {});
        if (published.status >= 200 && published.status < 300) acknowledged.push(id);
        else refused++;
      } else refused++;
    } catch {
      refused++;
    }
    await sleep(Math.max(0, PUBLISH_MS - (Date.now() - began)));
  }
};

/** Waits until every process in `slots` answers /healthz 200 and an uncached page renders (the database path). */
const recovered = async (limitMs: number): Promise<number | null> => {
  const began = Date.now();
  while (Date.now() - began < limitMs) {
    const ok = await Promise.all(
      slots.map(async (s) => {
        try {
          const h = await fetch(`${s.server.url}/healthz`);
          const q = await fetch(`${s.server.url}/search?q=soak${Date.now()}`);
          await Promise.all([h.arrayBuffer(), q.arrayBuffer()]);
          return h.status === 200 && q.status === 200;
        } catch {
          return false;
        }
      }),
    );
    if (ok.every(Boolean)) return Date.now() - began;
    await sleep(50);
  }
  return null;
};

say(
  `running ${args.minutes} min: ${CONNECTIONS} connections, a publish every ${PUBLISH_MS / 1000} s, ${stories.length} story URLs`,
);
// The phases are timed from here, so the set-up (seeding the demo newsroom) does not eat into the load.
const loadStart = Date.now();
const work = [...Array.from({ length: CONNECTIONS }, (_, i) => reader(i)), publisher()];
const figures: Record<string, unknown> = {};

await sleep(DURATION * 0.3);
{
  const victim = slots[0]!;
  say(`kill -9 process ${victim.name}`);
  victim.killed = true;
  victim.server.child.kill('SIGKILL');
  await sleep(1000);
  const began = Date.now();
  const back = await startSlot('a2', false);
  slots[0] = back;
  figures.restartAfterKillMs = Date.now() - began;
  say(`process restarted as a2 in ${figures.restartAfterKillMs} ms`);
}

await sleep(Math.max(0, loadStart + DURATION * 0.6 - Date.now()));
{
  say('database: stop');
  outage.start = Date.now();
  await cluster.stop();
  await sleep(DB_DOWN_MS);
  await cluster.start();
  const startedAgain = Date.now();
  say('database: started again');
  const took = await recovered(RECOVERY_LIMIT_MS);
  outage.end = Date.now();
  if (took === null) fail(`no recovery within ${RECOVERY_LIMIT_MS} ms of the database's return`);
  figures.databaseDownMs = startedAgain - outage.start;
  figures.recoveryMs = took;
  say(`recovered ${took} ms after the database came back`);
}

await sleep(Math.max(0, loadStart + DURATION - Date.now()));
running = false;
await Promise.all(work);

// Every acknowledged publish must be published, as every process's readers see it.
const lost: number[] = [];
for (const id of acknowledged) if ((await storyById(desk.db, id))?.status !== 'published') lost.push(id);
const alive = slots.filter((s) => s.server.child.exitCode === null && s.server.child.signalCode === null);
if (alive.length !== slots.length) fail('a process is not running at the end');
if (lost.length) fail(`${lost.length} acknowledged publishes lost: ${lost.join(', ')}`);
if (fiveXxOutside.length)
  fail(`${fiveXxOutside.length} 5xx outside the outage window: ${fiveXxOutside.slice(0, 5).join('; ')}`);

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
const fiveXx = [...counts].filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0);
const report = {
  minutes: Number(args.minutes),
  connections: CONNECTIONS,
  requests,
  statuses: Object.fromEntries([...counts].sort()),
  fiveXx,
  fiveXxOutsideOutage: fiveXxOutside.length,
  staleServed: stale,
  connectionErrors: errors,
  latencyMs: { p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? 0 },
  publishesTried: publishes,
  publishesAcknowledged: acknowledged.length,
  publishesRefused: refused,
  acknowledgedLost: lost.length,
  ...figures,
  ok: !failed,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

stopping = true;
await Promise.all(slots.map((s) => s.server.stop()));
await desk.database.close();
await cluster.destroy();
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
