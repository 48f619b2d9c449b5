import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A real `tsx src/main.ts` server process on a free loopback port. */
export interface ServerProcess {
  url: string;
  /** What main.ts logged when it started listening (database, relay, …). */
  started: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Spawns the server as production does (main.ts) with the given environment, and waits until it listens. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-proc-'));
  const base = { ...process.env };
  delete base.REDIS_URL;
  delete base.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...base, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_REQUESTS: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (msg.msg === 'listening') {
          clearTimeout(timer);
          resolve(msg);
        }
        if (msg.msg === 'failed to start') reject(new Error(String(msg.error)));
      } catch {
        // not a log line
      }
    });
  });
  return {
    url: `http://127.0.0.1:${started.port}`,
    started,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
