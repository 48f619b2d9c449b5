import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A child process the benchmark started, and how to stop it (by its own pid, never by name). */
export interface Child {
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function childOf(proc: ChildProcess): Child {
  return {
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Runs a command to completion and returns its stdout; stderr streams through when `progress` is set. */
export async function runToEnd(cmd: string, args: string[], env: NodeJS.ProcessEnv, progress = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', progress ? 'inherit' : 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr?.on('data', (d) => (err += d));
    proc.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

/**
 * Starts Broadsheet as its own process in production mode, from the build in dist/ (`npm run build`, which the
 * benchmark runs first), and waits until /healthz answers.
 * `nodeArgs` go to node before the script (e.g. `--cpu-prof`).
 * Returns the wall time from spawn to the first healthy answer, and the start time the server logged itself.
 */
export async function startBroadsheet(
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<Child & { url: string; startMs: number; selfReportedStartMs: number | null }> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_REQUESTS: '0',
      SEED_DEMO: '0',
      HEALTH_DETAIL: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let selfReported: number | null = null;
  let errText = '';
  proc.stderr!.on('data', (d) => (errText += d));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    try {
      const msg = JSON.parse(line) as { msg?: string; start_ms?: number };
      if (msg.msg === 'listening' && typeof msg.start_ms === 'number') selfReported = msg.start_ms;
    } catch {
      /* not a log line */
    }
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited during start: ${errText.slice(-2000)}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { ...childOf(proc), url, startMs: performance.now() - started, selfReportedStartMs: selfReported };
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error('server did not become healthy in 30 s');
}

/** Starts the bare node:http ceiling with the given routes (path → exact response). */
export async function startBare(routesFile: string): Promise<Child & { url: string }> {
  const proc = spawn(process.execPath, ['bench/bare-server.mjs', routesFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { ...childOf(proc), url: `http://127.0.0.1:${port}` };
}

/** Resident memory of a process now and at its peak, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
