// `npm run bench:live` — one server process (tsx src/main.ts on a throwaway PostgreSQL database), a separate
// client process holding LIVE_BENCH_READERS idle SSE readers (default 5,000), and this process as the desk:
// it publishes through the real story service, and the event reaches the server over LISTEN/NOTIFY.
// Reports resident memory per 1,000 readers, publish → last reader times, and that readers who stop
// reading are dropped with memory staying bounded. Loopback only; every phase is bounded in time.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { addEntry } from '../src/live/liveblog.service.js';
import { startEventRelay } from '../src/live/relay.js';
import { createStory } from '../src/stories/story.service.js';
import { createPgDatabase } from '../test/support/db.js';
import { startServerProcess } from '../test/support/process.js';

const READERS = Number(process.env.LIVE_BENCH_READERS ?? 5000);
const PUBLISHES = Number(process.env.LIVE_BENCH_PUBLISHES ?? 9);
const SLOW = 20;
const MAX_BUFFER_KB = 256;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function clientProcess(): { child: ChildProcess; ask<T>(msg: object, reply: string, timeoutMs?: number): Promise<T> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/live-clients.ts'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    ask<T>(msg: object, reply: string, timeoutMs = 120_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${reply}" from the client process in ${timeoutMs} ms`)),
          timeoutMs,
        );
        const on = (m: { op: string }) => {
          if (m.op !== reply) return;
          clearTimeout(timer);
          child.off('message', on);
          resolve(m as T);
        };
        child.on('message', on);
        if (Object.keys(msg).length) child.send(msg);
      });
    },
  };
}

async function main() {
  const limit = Number(
    (await import('node:child_process')).execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim(),
  );
  if (Number.isFinite(limit) && limit < READERS + 500)
    throw new Error(`ulimit -n is ${limit}; run with at least ${READERS + 500} open files (the npm script raises it)`);
  const pgDb = await createPgDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-live-'));
  const env = {
    DATABASE_URL: pgDb.url,
    SEED_DEMO: '0',
    LOG_REQUESTS: '0',
    LIVE_MAX_BUFFER_KB: String(MAX_BUFFER_KB),
    LIVE_HEARTBEAT_SECONDS: '20',
  };
  const desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir }), { log: () => {} });
  const relay = await startEventRelay(desk);
  const server = await startServerProcess({ ...env, DATA_DIR: join(dir, 'server') });
  const port = Number(new URL(server.url).port);
  const pid = server.child.pid!;
  const clients = clientProcess();
  try {
    await clients.ask({}, 'ready');
    const section = await desk.db
      .insertInto('sections')
      .values({ slug: 'bench', name: 'Bench', description: '', parent_id: null, position: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const story = (headline: string) =>
      createStory(
        desk,
        {
          headline,
          sectionId: section.id,
          status: 'published',
          body: {
            version: 1,
            blocks: [{ type: 'paragraph', content: [{ text: `${headline}. A short lede for the card.` }] }],
          },
        },
        'bench',
      );
    // Warm the render path once so the first measurement is not the JIT's.
    await story('Warm-up story');
    await sleep(500);
    const rssBefore = rssMb(pid);

    const connected = await clients.ask<{ total: number; ms: number }>(
      { op: 'connect', port, count: READERS, path: '/live/feed' },
      'connected',
      300_000,
    );
    await sleep(2000);
    const rssIdle = rssMb(pid);
    const perThousand = ((rssIdle - rssBefore) / connected.total) * 1000;

    const latencies: number[] = [];
    const commits: number[] = [];
    const firsts: number[] = [];
    for (let i = 0; i < PUBLISHES; i++) {
      const token = `bench-token-${i}-${Date.now()}`;
      await clients.ask({ op: 'expect', token }, 'armed');
      const done = clients.ask<{ firstAt: number; lastAt: number; received: number }>({}, 'done', 60_000);
      const t0 = now();
      await story(`Breaking ${token}`);
      const committed = now();
      const { firstAt, lastAt, received } = await done;
      latencies.push(lastAt - t0);
      firsts.push(firstAt - t0);
      commits.push(committed - t0);
      if (received !== connected.total)
        throw new Error(`only ${received} of ${connected.total} readers got publish ${i}`);
      await sleep(500);
    }
    const rssAfterFanout = rssMb(pid);

    // Readers that stop reading: they follow a live blog whose entries are large, and never read.
    const blog = await story('Bench live blog');
    await desk.db.updateTable('stories').set({ kind: 'liveblog' }).where('id', '=', blog.id).execute();
    await clients.ask(
      { op: 'connect', port, count: SLOW, path: `/live/feed?blog=${blog.id}`, slow: true },
      'connected',
    );
    const bigText = 'Dispatch from the bench: '.repeat(600); // ~15 KB of text per entry
    let entries = 0;
    // A paused socket cannot see the server close it, so count the server's "dropped" log lines while flooding…
    const droppedLines = () => server.lines.filter((l) => l.msg === 'live reader dropped').length;
    const floodStart = Date.now();
    let rssPeak = rssMb(pid);
    while (droppedLines() < SLOW && Date.now() - floodStart < 90_000) {
      for (let k = 0; k < 10; k++)
        await addEntry(
          desk,
          blog.id,
          {
            headline: `Entry ${++entries}`,
            body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: bigText }] }] },
          },
          'bench',
        );
      await sleep(100);
      rssPeak = Math.max(rssPeak, rssMb(pid));
    }
    await sleep(1000);
    const rssAfterSlow = rssMb(pid);
    // …then let them read: a dropped reader drains what the kernel held and sees the end of its stream.
    await clients.ask({ op: 'resume' }, 'resumed');
    await sleep(3000);
    const stats = await clients.ask<{ open: number; slowOpen: number; slowTotal: number }>({ op: 'stats' }, 'stats');

    const lines = [
      `Live stream benchmark (one server process, PostgreSQL LISTEN/NOTIFY, ${connected.total} idle SSE readers in a separate process)`,
      `  connect ${connected.total} readers:        ${(connected.ms / 1000).toFixed(1)} s`,
      `  server RSS before / idle:     ${rssBefore.toFixed(0)} MB / ${rssIdle.toFixed(0)} MB`,
      `  resident memory per 1,000:    ${perThousand.toFixed(1)} MB`,
      `  publish → last reader:        median ${median(latencies).toFixed(0)} ms, ` +
        `min ${Math.min(...latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${PUBLISHES} publishes)`,
      `  publish → first reader:       median ${median(firsts).toFixed(0)} ms`,
      `  of which the desk's write:    median ${median(commits).toFixed(0)} ms (transaction with the feed-event row, then NOTIFY)`,
      `  server RSS after fan-outs:    ${rssAfterFanout.toFixed(0)} MB`,
      `  slow readers (never read):    ${stats.slowTotal - stats.slowOpen} of ${stats.slowTotal} dropped after ` +
        `${entries} entries of ~15 KB (limit ${MAX_BUFFER_KB} KB buffered each)`,
      `  server RSS during / after:    peak ${rssPeak.toFixed(0)} MB, after ${rssAfterSlow.toFixed(0)} MB; ` +
        `${stats.open} of ${connected.total} idle readers still connected`,
    ];
    console.log(lines.join('\n'));
    if (stats.slowOpen > 0) process.exitCode = 1;
  } finally {
    await clients.ask({ op: 'exit' }, 'never', 1000).catch(() => {});
    clients.child.kill();
    await server.stop();
    await relay?.close();
    await desk.database.close();
    await pgDb.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
