// `npm run bench`: seeds a fresh newsroom, starts Broadsheet as a separate production process, loads it with wrk
// (bench/load.ts) and compares every figure with a bare node:http server sending the same bytes, loaded the same way
// in the same run: the generator's own ceiling. See README § Benchmark.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/dialect.js';
import { publishedCursor } from '../src/stories/story.cursor.js';
import { benchDatabase } from './databases.js';
import { pageWeight, rawGet } from './http.js';
import { type RunFigures, loadMeasured, loadOnce, medianOf } from './load.js';
import { type EngineResult, type TargetResult, checkTargets, formatEngine, generatorBound } from './report.js';
import { cpuMsOf, memoryOf, runToEnd, startBare, startBroadsheet } from './servers.js';

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-cache': { type: 'boolean', default: false },
    pg: { type: 'boolean', default: false },
    runs: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '10' },
    data: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const stories = Number(args.stories ?? (quick ? 20_000 : 100_000));
const runs = Number(args.runs ?? (quick ? 1 : 3));
const seconds = Number(args.seconds ?? (quick ? 2 : 4));
const connections = Number(args.connections);
const renderCache = !args['no-cache'];
// Browsers ask for compressed pages; the ceiling then sends the same compressed bytes.
const HEADERS = {
  'accept-encoding': 'br, gzip',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
};
const say = (s: string) => process.stderr.write(`${s}\n`);

interface Target {
  name: string;
  path: string;
  optional?: boolean;
  /** A fresh path per request: pages no cache has seen. */
  pathFor?: () => string;
}

/** Picks the pages to load from the database itself: a story, an author, and a cursor older than 90 % of stories. */
async function discoverTargets(env: NodeJS.ProcessEnv): Promise<Target[]> {
  const db = openDb(loadConfig(env).database, { poolSize: 1 });
  try {
    const q = db.kysely;
    const count = Number(
      (
        await q
          .selectFrom('stories')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'published')
          .where('language', '=', 'en')
          .executeTakeFirstOrThrow()
      ).n,
    );
    // The primary (English) edition's pages: the story page, the home page and its Show More.
    const newest = q
      .selectFrom('stories')
      .select(['id', 'slug', 'published_at'])
      .where('status', '=', 'published')
      .where('language', '=', 'en')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc');
    const story = await newest.offset(3).limit(1).executeTakeFirstOrThrow();
    const deep = await newest
      .offset(Math.floor(count * 0.9))
      .limit(1)
      .executeTakeFirstOrThrow();
    const oldest = await q
      .selectFrom('stories')
      .select('published_at')
      .where('status', '=', 'published')
      .where('language', '=', 'en')
      .orderBy('published_at', 'asc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const author = await q.selectFrom('authors').select('slug').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const from = Number(oldest.published_at);
    const to = Number(deep.published_at);
    const randomDeep = () =>
      `/?before=${publishedCursor.encode({ publishedAt: from + Math.floor(Math.random() * (to - from)), id: 2_000_000_000 })}`;
    return [
      { name: 'home page', path: '/' },
      { name: 'story page', path: `/stories/${story.slug}` },
      {
        name: 'show more (deep)',
        path: `/?before=${publishedCursor.encode({ publishedAt: Number(deep.published_at), id: deep.id })}`,
      },
      { name: 'show more (deep, uncached)', path: randomDeep(), pathFor: randomDeep },
      { name: 'author page', path: `/authors/${author.slug}` },
      { name: 'search', path: '/search?q=harbour', optional: true },
      { name: 'RSS feed', path: '/feed.xml', optional: true },
      { name: 'API story list', path: '/api/v1/stories', optional: true },
    ];
  } finally {
    await db.close();
  }
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<EngineResult> {
  const database = await benchDatabase(engine, { stories, data: args.data, reuse: args.reuse });
  const server = await startBroadsheet({ ...database.env, RENDER_CACHE: renderCache ? '1' : '0' });
  const bareFile = join(tmpdir(), `broadsheet-bare-${process.pid}.json`);
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  try {
    say(`${engine}: server healthy after ${Math.round(server.startMs)} ms`);
    const targets = await discoverTargets(database.env);
    const results: TargetResult[] = [];
    const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
    for (const t of targets) {
      const first = await rawGet(server.url + t.path, HEADERS);
      if (first.status === 404 && t.optional) {
        results.push({ name: t.name, path: t.path, skipped: 'route not built yet (404)' });
        continue;
      }
      if (first.status !== 200) throw new Error(`${t.path} answered ${first.status}`);
      // Ask again (URLs with a query string are kept from their second request on), let the cache store its
      // compressed copy, then take the bytes a reader gets from then on.
      const settle = () => new Promise((r) => setTimeout(r, 200));
      if (!t.pathFor) await settle().then(() => rawGet(server.url + t.path, HEADERS));
      await settle();
      const sent = t.pathFor ? first : await rawGet(server.url + t.path, HEADERS);
      const keep = ['content-type', 'content-encoding', 'vary', 'cache-control', 'etag'];
      routes[t.path] = {
        status: 200,
        headers: Object.fromEntries(Object.entries(sent.headers).filter(([k]) => keep.includes(k))),
        body: sent.body.toString('base64'),
      };
      results.push({ name: t.name, path: t.path, xCache: t.pathFor ? 'MISS' : (sent.headers['x-cache'] ?? null) });
    }
    writeFileSync(bareFile, JSON.stringify(routes));
    bare = await startBare(bareFile);
    for (const r of results) {
      if (r.skipped) continue;
      const t = targets.find((x) => x.name === r.name)!;
      const opts = { connections, seconds, headers: HEADERS, pathFor: t.pathFor };
      await loadOnce(server.url + t.path, { ...opts, seconds: 2 }); // warm-up: JIT, caches, connections
      const ours: RunFigures[] = [];
      const ceiling: RunFigures[] = [];
      for (let i = 0; i < runs; i++) {
        ours.push(await loadMeasured(server.url + t.path, opts, () => cpuMsOf(server.proc.pid!)));
        ceiling.push(
          await loadMeasured(bare.url + t.path, { ...opts, pathFor: undefined }, () => cpuMsOf(bare!.proc.pid!)),
        );
      }
      r.ours = medianOf(ours);
      r.ceiling = medianOf(ceiling);
      r.ratio = {
        rps: r.ours.rps / r.ceiling.rps,
        p50: r.ours.p50 / r.ceiling.p50,
        p99: r.ours.p99 / r.ceiling.p99,
        cpu: r.ceiling.cpuUsPerRequest! / r.ours.cpuUsPerRequest!,
        generatorBound: generatorBound(r.ours, r.ceiling),
      };
      const share = r.ratio.generatorBound ? 'generator-bound' : `${Math.round(r.ratio.rps * 100)} %`;
      say(
        `  ${r.name}: ${Math.round(r.ours.rps)} req/s (${share} of ` +
          `${Math.round(r.ceiling.rps)}), p99 ${r.ours.p99} ms, ${Math.round(r.ours.cpuUsPerRequest!)} µs CPU/req ` +
          `(ceiling ${Math.round(r.ceiling.cpuUsPerRequest!)})`,
      );
    }
    const deepTarget = targets.find((t) => t.pathFor)!;
    const deepShowMoreUnloaded = await loadOnce(server.url + deepTarget.path, {
      connections: 1,
      seconds: Math.max(2, seconds / 2),
      headers: HEADERS,
      pathFor: deepTarget.pathFor,
    });
    const memoryAfterLoad = memoryOf(server.proc.pid!);
    const storyPath = targets.find((t) => t.name === 'story page')!.path;
    return {
      engine,
      renderCache,
      stories,
      seed: database.seed,
      serverStartMs: Math.round(server.startMs),
      serverSelfReportedStartMs: server.selfReportedStartMs,
      memoryAfterLoad,
      storyPageWeight: await pageWeight(server.url, storyPath),
      deepShowMoreUnloaded,
      targets: results,
    };
  } finally {
    await bare?.stop();
    await server.stop();
    rmSync(bareFile, { force: true });
    await database.cleanup();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const engines: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (args.pg || /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) engines.push('postgres');
  say(
    `benchmark: ${stories.toLocaleString('en')} stories, ${runs} run(s) × ${seconds} s per page, ${connections} ` +
      `connections, render cache ${renderCache ? 'on' : 'off'}`,
  );
  // The server runs as production does: the compiled build (npm run build), no TypeScript loader in memory.
  say((await runToEnd(process.execPath, ['scripts/build.mjs'], process.env)).trim());
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine));
  const report = results
    .map(
      (r) =>
        `${formatEngine(r)}\n\ntargets:\n${checkTargets(r)
          .map((l) => `  - ${l}`)
          .join('\n')}`,
    )
    .join('\n');
  process.stdout.write(`${report}\n`);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}${renderCache ? '' : '-nocache'}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        node: process.version,
        cpus: (await import('node:os')).cpus().length,
        options: { stories, runs, seconds, connections, renderCache },
        results,
      },
      null,
      2,
    ),
  );
  say(`\nresults written to ${file} (${Math.round((performance.now() - started) / 1000)} s in all)`);
}

main().catch((err) => {
  say(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
