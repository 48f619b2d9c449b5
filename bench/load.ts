import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureProgram } from '../test/support/services.js';

/** One page type's figures in a run. Latencies in milliseconds, timed per response by bench/wrk-mix.lua. */
export interface KindFigures {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  non2xx: number;
  /** Responses the render cache answered (X-Cache: HIT). */
  hits: number;
  bytesPerResponse: number;
}

/** One load run's figures. Latencies in milliseconds. */
export interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  requests: number;
  /** Server CPU time per response in microseconds: robust to other processes competing for the machine. */
  cpuUsPerRequest?: number;
  /** Per page type (the `kind` of each path), when the run replayed a mix. */
  kinds?: Record<string, KindFigures>;
}

/** A URL of a mix and the page type its figures count under. */
export interface MixPath {
  kind: string;
  path: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** A new path for every request (deep pages no cache can have seen), instead of one fixed path. */
  pathFor?: () => string;
  /** The URLs to replay in turn (each connection its own share) instead of the URL's own path. */
  paths?: MixPath[];
}

const SCRIPT = join(import.meta.dirname, 'wrk-mix.lua');
let wrkPath: string | null = null;

/** Debian's wrk, installed with apt-get when missing and we are root (test/support/services.ts), else why not. */
export function wrk(): string {
  wrkPath ??= ensureProgram('wrk', 'wrk', 'the benchmarks');
  return wrkPath;
}

/** Like `loadOnce`, and charges the server process's CPU time to the requests it answered. */
export async function loadMeasured(url: string, o: LoadOptions, cpuMs: () => number): Promise<RunFigures> {
  const before = cpuMs();
  const r = await loadOnce(url, o);
  return { ...r, cpuUsPerRequest: ((cpuMs() - before) * 1000) / Math.max(r.requests, 1) };
}

interface WrkOut {
  durationUs: number;
  requests: number;
  bytes: number;
  errors: Record<'connect' | 'read' | 'write' | 'status' | 'timeout', number>;
  p50: number;
  p99: number;
  kinds: Record<string, Omit<KindFigures, 'bytesPerResponse'> & { bytes: number }>;
}

/**
 * Loads a URL (or a mix of paths on its origin) with wrk: keep-alive, no pipelining, one connection per wrk
 * thread so bench/wrk-mix.lua can time each response by page type. Latency percentiles are of those timings.
 */
export async function loadOnce(url: string, o: LoadOptions): Promise<RunFigures> {
  const u = new URL(url);
  const single = `${u.pathname}${u.search}`;
  const paths =
    o.paths ??
    (o.pathFor
      ? Array.from({ length: Math.ceil(o.seconds * 5000) }, () => ({ kind: 'page', path: o.pathFor!() }))
      : [{ kind: 'page', path: single }]);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-wrk-'));
  try {
    const pathsFile = join(dir, 'paths.tsv');
    const outFile = join(dir, 'out.json');
    writeFileSync(pathsFile, `${paths.map((p) => `${p.kind}\t${p.path}`).join('\n')}\n`);
    const threads = Math.min(o.connections, paths.length);
    // biome-ignore format: one flag and its value per pair
    const args = [
      '-t', String(threads), '-c', String(threads), '-d', `${o.seconds}s`, '--timeout', '10s',
      ...Object.entries(o.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      '-s', SCRIPT, u.origin, '--', pathsFile, String(threads), outFile,
    ];
    await new Promise<void>((resolve, reject) => {
      const proc = spawn(wrk(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      proc.stderr!.on('data', (d) => (err += d));
      proc.on('error', reject);
      proc.on('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`wrk exited ${code ?? signal}: ${err.slice(-2000)}`)),
      );
    });
    const out = JSON.parse(readFileSync(outFile, 'utf8')) as WrkOut;
    const kinds: Record<string, KindFigures> = {};
    let non2xx = 0;
    let bodyBytes = 0;
    for (const [kind, k] of Object.entries(out.kinds)) {
      non2xx += k.non2xx;
      bodyBytes += k.bytes;
      kinds[kind] = {
        requests: k.requests,
        p50: k.p50 / 1000,
        p99: k.p99 / 1000,
        max: k.max / 1000,
        mean: k.mean / 1000,
        non2xx: k.non2xx,
        hits: k.hits,
        bytesPerResponse: Math.round(k.bytes / Math.max(k.requests, 1)),
      };
    }
    const e = out.errors;
    return {
      rps: out.requests / (out.durationUs / 1e6),
      // wrk's own latency histogram over every response.
      p50: out.p50 / 1000,
      p99: out.p99 / 1000,
      errors: e.connect + e.read + e.write + e.timeout,
      non2xx,
      bytesPerResponse: Math.round(bodyBytes / Math.max(out.requests, 1)),
      requests: out.requests,
      kinds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Medians of each figure over several runs (errors are summed: one is too many). */
export function medianOf(runs: RunFigures[]): RunFigures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    bytesPerResponse: median(runs.map((r) => r.bytesPerResponse)),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    cpuUsPerRequest: median(runs.map((r) => r.cpuUsPerRequest ?? Number.NaN)),
  };
}
