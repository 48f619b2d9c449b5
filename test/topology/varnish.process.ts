import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/process.js';
import { VARNISHADM_PATH, VARNISHD_PATH } from '../support/services.js';
import { waitFor } from '../support/wait.js';

/** The shipped Varnish configuration, run as it is: only the backends file beside it is the test's own. */
export const SHIPPED_VCL = join(ROOT, 'deploy/varnish/broadsheet.vcl');

export interface VarnishProcess {
  url: string;
  child: ChildProcess;
  /** What varnishd printed (its VCL compiler's errors, the child's panics). */
  output(): string;
  /** The health of each backend as the probes see it now, e.g. `{ app1: 'healthy', app2: 'sick' }` (varnishadm). */
  backends(): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The backends file the shipped VCL includes, for processes on these loopback ports: the shipped example's probe
 * and director (deploy/varnish/broadsheet-backends.vcl) with the ports changed, so the test runs what a deploy does.
 */
export function backendsVcl(example: string, ports: readonly number[]): string {
  const names = [...example.matchAll(/^backend (\w+) \{/gm)].map((m) => m[1]!);
  if (names.length !== ports.length)
    throw new Error(`the example has ${names.length} backends, the test ${ports.length}`);
  let i = 0;
  return example.replace(/\.port = "\d+";/g, () => `.port = "${ports[i++]}";`);
}

/**
 * Starts varnishd in the foreground as a child of the test, on a free loopback port, with its own working
 * directory (-n) under `dir`, no jail (it runs as whoever runs the test) and `dir` first on its vcl_path, where
 * `backends` is written as broadsheet-backends.vcl. Resolves once it answers through to a backend.
 */
export async function startVarnish(dir: string, backends: string, port: number): Promise<VarnishProcess> {
  writeFileSync(join(dir, 'broadsheet-backends.vcl'), backends);
  // biome-ignore format: one flag and its value per pair
  const child = spawn(VARNISHD_PATH, [
    '-F', '-j', 'none', '-n', join(dir, 'varnish'), '-a', `127.0.0.1:${port}`, '-T', '127.0.0.1:0',
    '-f', SHIPPED_VCL, '-s', 'malloc,64m',
    '-p', `vcl_path=${dir}:/usr/share/varnish/vcl`, '-p', 'http_gzip_support=off',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`varnishd exited with ${child.exitCode}:\n${out}`);
      return (await fetch(`${url}/healthz`)).status === 200;
    },
    { timeoutMs: 60_000, intervalMs: 100, message: 'varnishd to answer through to a backend' },
  ).catch((err: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${out}`);
  });
  return {
    url,
    child,
    output: () => out,
    backends() {
      const list = execFileSync(VARNISHADM_PATH, ['-n', join(dir, 'varnish'), 'backend.list'], { encoding: 'utf8' });
      // "boot.app1   probe   5/5   healthy" → app1: healthy
      return Object.fromEntries(
        [...list.matchAll(/^\S*?\.?(\w+)\s+\S+\s+\S+\s+(healthy|sick)\b/gim)].map((m) => [m[1]!, m[2]!.toLowerCase()]),
      );
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
