// Measures search and the content API against a real server on a big database, next to a bare
// node:http baseline measured in the same run. Usage (after seeding DATA_DIR with 100,000 stories):
//   DATA_DIR=/tmp/search-big npm run bench:search -- [runs=3] [seconds=5]   (DATABASE_URL=… for PostgreSQL)
// Prints one JSON line per target: median p50/p99 latency (ms) over the runs, requests/s and the
// ratio of each to the baseline. A benchmark, not a test: numbers depend on the machine.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOnce } from './load.js';

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 5);
const port = Number(process.env.PORT ?? 3104);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One target under wrk (bench/load.ts), 10 connections, asking for compressed bodies as browsers do. */
async function load(url: string) {
  const r = await loadOnce(url, { connections: 10, seconds, headers: { 'accept-encoding': 'br, gzip' } });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { p50: r.p50, p99: r.p99, rps: r.rps };
}

async function startApp(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), LOG_REQUESTS: '0', SEED_DEMO: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('"listening"') && resolve());
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return child;
}

const bare = createServer((_req, res) =>
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[],"next":null}'),
);
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const baseline = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
const app = await startApp();
const base = `http://127.0.0.1:${port}`;
const targets: Record<string, string> = {
  baseline,
  'search page (2 words)': `${base}/search?q=water+plant`,
  'search API (common word)': `${base}/api/v1/search?q=river`,
  'search API (Cyrillic, no hits)': `${base}/api/v1/search?q=${encodeURIComponent('Київ')}`,
  'API stories list': `${base}/api/v1/stories?limit=20`,
  'API stories list, section filter': `${base}/api/v1/stories?section=world&limit=20`,
  'API story by slug': '',
};
try {
  const first = (await (await fetch(`${base}/api/v1/stories?limit=1`)).json()) as { data: { slug: string }[] };
  targets['API story by slug'] = `${base}/api/v1/stories/${first.data[0]!.slug}`;
  const results: Record<string, { p50: number[]; p99: number[]; rps: number[] }> = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, url] of Object.entries(targets)) {
      const r = await load(url);
      results[name] ??= { p50: [], p99: [], rps: [] };
      const slot = results[name];
      slot.p50.push(r.p50);
      slot.p99.push(r.p99);
      slot.rps.push(r.rps);
    }
  }
  const b = results.baseline!;
  for (const [name, r] of Object.entries(results)) {
    const row = { target: name, p50_ms: median(r.p50), p99_ms: median(r.p99), rps: Math.round(median(r.rps)) };
    const shares = {
      p50_x_baseline: +(row.p50_ms / median(b.p50)).toFixed(1),
      rps_share_of_baseline: +(row.rps / median(b.rps)).toFixed(3),
    };
    process.stdout.write(`${JSON.stringify({ ...row, ...shares })}\n`);
  }
} finally {
  app.kill('SIGTERM');
  bare.close();
}
