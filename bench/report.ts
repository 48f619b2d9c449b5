import type { RunFigures } from './load.js';
import type { PageWeight } from './http.js';

/** One benchmarked page: Broadsheet's figures, the bare server's, and their ratios. */
export interface TargetResult {
  name: string;
  path: string;
  skipped?: string;
  ours?: RunFigures;
  ceiling?: RunFigures;
  /**
   * ours ÷ ceiling: requests/s (higher is better), latencies (lower is better); cpu is the ceiling's CPU per
   * request ÷ ours. `generatorBound`: the ceiling ran less than twice as fast as ours, so the generator may have
   * held ours back and the requests/s ratio is not a figure (CPU per request still is).
   */
  ratio?: { rps: number; p50: number; p99: number; cpu: number; generatorBound: boolean };
  xCache?: string | null;
}

export interface EngineResult {
  engine: 'sqlite' | 'postgres';
  renderCache: boolean;
  stories: number;
  seed: { stories_per_second: number; seconds: number; max_rss_mb?: number } | null;
  serverStartMs: number;
  serverSelfReportedStartMs: number | null;
  memoryAfterLoad: { rssMb: number; peakRssMb: number } | null;
  storyPageWeight: PageWeight;
  /** One request at a time to the deep Show More page (no queueing behind other connections). */
  deepShowMoreUnloaded?: RunFigures;
  targets: TargetResult[];
}

/** The generator has no headroom when its ceiling is not at least twice the rate it drove the server at. */
export function generatorBound(ours: RunFigures, ceiling: RunFigures): boolean {
  return ceiling.rps < 2 * ours.rps;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const pad = (s: string, n: number, left = false) => (left ? s.padStart(n) : s.padEnd(n));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** A readable table of one engine's results. */
export function formatEngine(r: EngineResult): string {
  const lines: string[] = [];
  lines.push(
    `\n## ${r.engine} — ${r.stories.toLocaleString('en')} stories — render cache ${r.renderCache ? 'on' : 'OFF'}`,
  );
  if (r.seed)
    lines.push(
      `seed: ${fmt(r.seed.stories_per_second)} stories/s (${fmt(r.seed.seconds, 1)} s${r.seed.max_rss_mb ? `, peak ${r.seed.max_rss_mb} MB` : ''})`,
    );
  lines.push(
    `server start: ${fmt(r.serverStartMs)} ms to first healthy answer (server's own figure: ${r.serverSelfReportedStartMs ?? '—'} ms)`,
  );
  if (r.memoryAfterLoad)
    lines.push(
      `server memory after load: ${r.memoryAfterLoad.rssMb} MB resident (peak ${r.memoryAfterLoad.peakRssMb} MB)`,
    );
  const head = [
    'page',
    'req/s',
    '× ceil',
    'p50 ms',
    '× ceil',
    'p99 ms',
    '× ceil',
    'errors',
    'bytes',
    'cache',
    'ceil req/s',
    'ceil p99',
    'CPU µs/req',
    'ceil µs',
    'ceil÷CPU',
  ];
  const widths = [26, 8, 7, 7, 7, 7, 7, 7, 8, 6, 10, 8, 10, 8, 8];
  lines.push('');
  lines.push(head.map((h, i) => pad(h, widths[i]!, i > 0)).join(' '));
  for (const t of r.targets) {
    if (!t.ours || !t.ceiling || !t.ratio) {
      lines.push(`${pad(t.name, widths[0]!)} skipped: ${t.skipped ?? 'no data'}`);
      continue;
    }
    const cells = [
      t.name,
      fmt(t.ours.rps),
      t.ratio.generatorBound ? 'gen-bnd' : fmt(t.ratio.rps, 2),
      fmt(t.ours.p50, 2),
      fmt(t.ratio.p50, 1),
      fmt(t.ours.p99, 2),
      fmt(t.ratio.p99, 1),
      String(t.ours.errors + t.ours.non2xx),
      String(t.ours.bytesPerResponse),
      t.xCache ?? '—',
      fmt(t.ceiling.rps),
      fmt(t.ceiling.p99, 2),
      fmt(t.ours.cpuUsPerRequest ?? Number.NaN),
      fmt(t.ceiling.cpuUsPerRequest ?? Number.NaN),
      fmt(t.ratio.cpu, 2),
    ];
    lines.push(cells.map((c, i) => pad(c, widths[i]!, i > 0)).join(' '));
  }
  if (r.deepShowMoreUnloaded)
    lines.push(
      `\ndeep Show More, one connection: p50 ${fmt(r.deepShowMoreUnloaded.p50, 2)} ms, p99 ` +
        `${fmt(r.deepShowMoreUnloaded.p99, 2)} ms, ${fmt(r.deepShowMoreUnloaded.rps)} req/s`,
    );
  const w = r.storyPageWeight;
  lines.push('\nstory page weight      raw        gzip       brotli');
  for (const [k, v] of [
    ['HTML', w.html],
    ['CSS', w.css],
    ['JS', w.js],
    ['total', w.total],
  ] as const)
    lines.push(`  ${pad(k, 8)} ${pad(kb(v.raw), 10, true)} ${pad(kb(v.gzip), 10, true)} ${pad(kb(v.br), 10, true)}`);
  lines.push(
    `  render-blocking requests: ${w.renderBlocking.length} (${w.renderBlocking.join(', ') || 'none'}); readable ` +
      `without JavaScript: ${w.readableWithoutJs ? 'yes' : 'NO'}`,
  );
  return lines.join('\n');
}

/** The issue's targets, checked against one engine's results. */
export function checkTargets(r: EngineResult): string[] {
  const by = (name: string) => r.targets.find((t) => t.name === name);
  const out: string[] = [];
  const story = by('story page');
  if (story?.ratio)
    out.push(
      `${r.renderCache ? 'cached' : 'uncached'} story page: ` +
        (story.ratio.generatorBound
          ? 'generator-bound in req/s (the ceiling ran less than twice as fast), '
          : `${fmt(story.ratio.rps * 100)} % of ceiling in req/s, `) +
        `${fmt(story.ratio.cpu * 100)} % by CPU per request (target ≥ ${r.renderCache ? 60 : 20} %)`,
    );
  const deep = by('show more (deep)');
  const deepFresh = by('show more (deep, uncached)');
  if (deep?.ours) out.push(`deep Show More p99 under load: ${fmt(deep.ours.p99, 2)} ms (target < 10 ms)`);
  if (deepFresh?.ours) out.push(`deep Show More never seen before, p99 under load: ${fmt(deepFresh.ours.p99, 2)} ms`);
  if (r.deepShowMoreUnloaded) out.push(`deep Show More p99, one connection: ${fmt(r.deepShowMoreUnloaded.p99, 2)} ms`);
  out.push(
    `story page HTML+CSS+JS: ${kb(r.storyPageWeight.total.gzip)} gzip, ${kb(r.storyPageWeight.total.br)} brotli ` +
      `(target < 30 KB), render-blocking: ${r.storyPageWeight.renderBlocking.length}`,
  );
  if (r.memoryAfterLoad) out.push(`server RSS after load: ${r.memoryAfterLoad.rssMb} MB (target < 200 MB)`);
  return out;
}
