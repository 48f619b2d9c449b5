// `npm run bench:spike`: breaking news. A seeded newsroom (100,000 stories by default), the production server as its
// own process, 50 wrk connections replaying a seeded-random mix of pages (bench/spike.mix.ts) for 60 s while the
// desk publishes, edits and posts live (bench/spike.desk.ts); then the same mix against a bare node:http server
// sending the same bytes per page type: the generator's ceiling, in the same run. See README § Breaking news.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase } from './databases.js';
import { rawGet } from './http.js';
import { type MixPath, type RunFigures, loadMeasured } from './load.js';
import { generatorBound } from './report.js';
import { cpuMsOf, memoryOf, runToEnd, startBare, startBroadsheet } from './servers.js';
import { startDesk } from './spike.desk.js';
import { MIX_SHARES, type MixKind, spikeMix } from './spike.mix.js';

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: '100000' },
    million: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '60' },
    'ceiling-seconds': { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seed: { type: 'string', default: '17' },
    data: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    pg: { type: 'boolean', default: false },
    /** A V8 CPU profile of the server over the whole run, in bench/results/profiles (open it in Chrome DevTools). */
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const stories = args.million ? 1_000_000 : Number(args.stories);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const HEADERS = { 'accept-encoding': 'br, gzip', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
/** Samples of each page type's bytes the ceiling sends back. */
const SAMPLES = 8;
const say = (s: string) => process.stderr.write(`${s}\n`);
const load = () => loadavg().map((l) => l.toFixed(2));

interface Health {
  renderCache: { entries: number; bytes: number; hits: number; misses: number; purges: number };
  memory: { rss: number };
}
const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as Health;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)]! : Number.NaN;
};
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

async function main(): Promise<void> {
  const engine = args.pg ? 'postgres' : 'sqlite';
  say(`spike: ${stories.toLocaleString('en')} stories on ${engine}, ${connections} connections × ${seconds} s`);
  say((await runToEnd(process.execPath, ['scripts/build.mjs'], process.env)).trim());
  const database = await benchDatabase(engine, { stories, data: args.data, reuse: args.reuse });
  const profile = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
  const server = await startBroadsheet({ ...database.env, RENDER_CACHE: '1' }, profile);
  const routesFile = join(tmpdir(), `broadsheet-spike-${process.pid}.json`);
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  try {
    // Enough requests that no connection runs out of its share before the end.
    const mix = await spikeMix(database.env, Math.max(200_000, seconds * 6000), Number(args.seed));
    // The ceiling: per page type, the bytes Broadsheet sent for a few of the mix's own URLs.
    const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
    const keep = ['content-type', 'content-encoding', 'vary', 'cache-control', 'etag'];
    const sampled = new Map<string, number>();
    for (const kind of Object.keys(MIX_SHARES) as MixKind[]) {
      const samples = mix.filter((m) => m.kind === kind).slice(0, SAMPLES);
      sampled.set(kind, samples.length);
      for (const [i, m] of samples.entries()) {
        const sent = await rawGet(server.url + m.path, HEADERS);
        if (sent.status !== 200) throw new Error(`${m.path} answered ${sent.status}`);
        const headers = Object.fromEntries(Object.entries(sent.headers).filter(([k]) => keep.includes(k)));
        routes[`/__mix/${kind}/${i}`] = { status: 200, headers, body: sent.body.toString('base64') };
      }
    }
    writeFileSync(routesFile, JSON.stringify(routes));
    bare = await startBare(routesFile);
    const counts = new Map<string, number>();
    const bareMix: MixPath[] = mix.map((m) => {
      const i = counts.get(m.kind) ?? 0;
      counts.set(m.kind, i + 1);
      return { kind: m.kind, path: `/__mix/${m.kind}/${i % sampled.get(m.kind)!}` };
    });

    say(`load average before: ${load().join(' ')}`);
    const before = await health(server.url);
    const desk = await startDesk(server.url, database.env, { publishMs: 10_000, editMs: 15_000, liveMs: 3_000 });
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(server.proc.pid!)?.rssMb ?? 0)), 500);
    const ours = await loadMeasured(server.url, { connections, seconds, headers: HEADERS, paths: mix }, () =>
      cpuMsOf(server.proc.pid!),
    );
    clearInterval(sampler);
    const deskFigures = await desk.stop();
    const after = await health(server.url);
    const loadDuring = load();
    say(`load average after the spike: ${loadDuring.join(' ')}; now the ceiling…`);
    const ceiling = await loadMeasured(
      bare.url,
      { connections, seconds: Number(args['ceiling-seconds']), headers: HEADERS, paths: bareMix },
      () => cpuMsOf(bare!.proc.pid!),
    );
    const loadCeiling = load();
    const hits = after.renderCache.hits - before.renderCache.hits;
    const misses = after.renderCache.misses - before.renderCache.misses;
    const result = {
      engine,
      stories,
      seconds,
      connections,
      loadAverage: { during: loadDuring, ceiling: loadCeiling },
      ours,
      ceiling,
      generatorBound: generatorBound(ours, ceiling),
      renderCache: { ...after.renderCache, hitRatio: hits / Math.max(hits + misses, 1), hits, misses },
      peakRssMb: peakRss,
      desk: deskFigures,
      staleness: {
        publishP50: pct(deskFigures.publishStalenessMs, 0.5),
        publishP99: pct(deskFigures.publishStalenessMs, 0.99),
        editP50: pct(deskFigures.editStalenessMs, 0.5),
        editP99: pct(deskFigures.editStalenessMs, 0.99),
      },
    };
    process.stdout.write(`${report(result)}\n`);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/spike-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), node: process.version, ...result }, null, 2));
    say(`results written to ${file}`);
  } finally {
    await bare?.stop();
    await server.stop();
    rmSync(routesFile, { force: true });
    await database.cleanup();
  }
}

type Result = {
  ours: RunFigures;
  ceiling: RunFigures;
  generatorBound: boolean;
  renderCache: { hitRatio: number; bytes: number; entries: number; purges: number };
  peakRssMb: number;
  desk: Awaited<ReturnType<Awaited<ReturnType<typeof startDesk>>['stop']>>;
  staleness: { publishP50: number; publishP99: number; editP50: number; editP99: number };
  loadAverage: { during: string[]; ceiling: string[] };
  stories: number;
  engine: string;
};

function report(r: Result): string {
  const o = r.ours;
  const lines = [
    `\n## spike — ${r.stories.toLocaleString('en')} stories — ${r.engine} (load average ${r.loadAverage.during.join(' ')})`,
    `requests/s: ${fmt(o.rps)}; ceiling (bare server, same mix of bytes, load ${r.loadAverage.ceiling.join(' ')}): ` +
      `${fmt(r.ceiling.rps)} → ` +
      (r.generatorBound
        ? 'generator-bound (the ceiling ran less than twice as fast)'
        : `${fmt(o.rps / r.ceiling.rps, 2)} of the ceiling`),
    `server CPU per request: ${fmt(o.cpuUsPerRequest ?? Number.NaN)} µs (ceiling ${fmt(r.ceiling.cpuUsPerRequest ?? Number.NaN)} µs, ` +
      `ratio ${fmt((r.ceiling.cpuUsPerRequest ?? Number.NaN) / (o.cpuUsPerRequest ?? Number.NaN), 2)})`,
    `errors: ${o.errors}, non-2xx: ${o.non2xx} (of ${o.requests.toLocaleString('en')} requests)`,
    `render cache: ${fmt(r.renderCache.hitRatio * 100, 1)} % hits during the spike, ${r.renderCache.entries} entries, ` +
      `${fmt(r.renderCache.bytes / 1048576, 1)} MB, ${r.renderCache.purges} purges in all`,
    `resident memory: peak ${r.peakRssMb} MB during the spike`,
    `desk: ${r.desk.publishes} publishes, ${r.desk.edits} headline edits, ${r.desk.liveEntries} live entries; ` +
      `failures: ${r.desk.failures.length}${r.desk.failures.length ? ` (${r.desk.failures.slice(0, 3).join('; ')})` : ''}`,
    `staleness (desk acknowledged → home page shows it): publish p50 ${fmt(r.staleness.publishP50)} ms, ` +
      `p99 ${fmt(r.staleness.publishP99)} ms; edit p50 ${fmt(r.staleness.editP50)} ms, p99 ${fmt(r.staleness.editP99)} ms; ` +
      `never shown: ${r.desk.neverShown}`,
    '',
    `${'page'.padEnd(10)} ${'share'.padStart(6)} ${'req'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ` +
      `${'max ms'.padStart(8)} ${'non2xx'.padStart(6)} ${'hits'.padStart(6)} ${'bytes'.padStart(7)} ${'ceil p99'.padStart(8)}`,
  ];
  for (const [kind, k] of Object.entries(o.kinds ?? {})) {
    const c = r.ceiling.kinds?.[kind];
    lines.push(
      `${kind.padEnd(10)} ${fmt((k.requests / o.requests) * 100, 1).padStart(6)} ${String(k.requests).padStart(8)} ` +
        `${fmt(k.p50, 2).padStart(8)} ${fmt(k.p99, 2).padStart(8)} ${fmt(k.max, 1).padStart(8)} ` +
        `${String(k.non2xx).padStart(6)} ${fmt((k.hits / Math.max(k.requests, 1)) * 100).padStart(5)}% ` +
        `${String(k.bytesPerResponse).padStart(7)} ${fmt(c?.p99 ?? Number.NaN, 2).padStart(8)}`,
    );
  }
  const worst = Object.entries(o.kinds ?? {}).filter(([k]) => k !== 'search');
  lines.push(
    '',
    'goals:',
    `  - errors 0: ${o.errors + o.non2xx === 0 && r.desk.failures.length === 0 ? 'met' : 'NOT met'}`,
    `  - p99 < 20 ms for every page type but search: ${worst.every(([, k]) => k.p99 < 20) ? 'met' : 'NOT met'} ` +
      `(worst ${fmt(Math.max(...worst.map(([, k]) => k.p99)), 1)} ms)`,
    `  - staleness p99 < 1 s: ${r.staleness.publishP99 < 1000 ? 'met' : 'NOT met'} (${fmt(r.staleness.publishP99)} ms)`,
    `  - memory < 250 MB: ${r.peakRssMb < 250 ? 'met' : 'NOT met'} (${r.peakRssMb} MB)`,
  );
  return lines.join('\n');
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    say(`spike failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
