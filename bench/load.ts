import autocannon from 'autocannon';

/** One load run's figures. Latencies in milliseconds. */
export interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  requests: number;
  /** Server CPU time per response in microseconds: robust to other processes competing for the machine. */
  cpuUsPerRequest?: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** A new path for every request (deep pages no cache can have seen), instead of one fixed path. */
  pathFor?: () => string;
}

/** Like `loadOnce`, and charges the server process's CPU time to the requests it answered. */
export async function loadMeasured(url: string, o: LoadOptions, cpuMs: () => number): Promise<RunFigures> {
  const before = cpuMs();
  const r = await loadOnce(url, o);
  return { ...r, cpuUsPerRequest: ((cpuMs() - before) * 1000) / Math.max(r.requests, 1) };
}

/** Loads one URL with autocannon (keep-alive, no pipelining) and returns its figures. */
export async function loadOnce(url: string, o: LoadOptions): Promise<RunFigures> {
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    headers: o.headers,
    ...(o.pathFor
      ? { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: o.pathFor!() }) }] }
      : {}),
  });
  const total = result.requests.total || 1;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / total),
    requests: result.requests.total,
  };
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
