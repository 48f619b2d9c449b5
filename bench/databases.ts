// The database a benchmark runs on: a fresh SQLite directory (or a seeded one kept with --data/--reuse) or a throwaway
// PostgreSQL database, seeded with the demo generator (src/cli/seed.ts). Shared by `npm run bench` and `bench:spike`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EngineResult } from './report.js';
import { runToEnd } from './servers.js';

/** A seeded database: the environment a server needs to open it, the seed's figures, and how to drop it. */
export interface BenchDatabase {
  env: NodeJS.ProcessEnv;
  seed: EngineResult['seed'];
  cleanup(): Promise<void>;
}

/** How many stories, and (SQLite) a directory to keep and reuse between runs. */
export interface DatabaseOptions {
  stories: number;
  data?: string | undefined;
  reuse?: boolean | undefined;
}

const say = (s: string) => process.stderr.write(`${s}\n`);

async function seedInto(env: NodeJS.ProcessEnv, stories: number): Promise<EngineResult['seed']> {
  say(`seeding ${stories.toLocaleString('en')} stories…`);
  const out = await runToEnd(
    process.execPath,
    ['--import', 'tsx', 'src/cli/seed.ts', '--stories', String(stories)],
    env,
    true,
  );
  return JSON.parse(out.trim().split('\n').pop()!) as EngineResult['seed'];
}

/** A fresh SQLite file (or the one in --data with --reuse), seeded with the requested number of stories. */
async function sqliteDatabase(o: DatabaseOptions): Promise<BenchDatabase> {
  const dir = o.data ?? join(tmpdir(), `broadsheet-bench-${o.stories}`);
  const reuse = o.reuse && existsSync(join(dir, 'broadsheet.db'));
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, SEED_DEMO: '0' };
  delete env.DATABASE_URL;
  const seed = reuse ? null : await seedInto(env, o.stories);
  return {
    env,
    seed,
    cleanup: async () => (o.data || o.reuse ? undefined : rmSync(dir, { recursive: true, force: true })),
  };
}

/** A throwaway PostgreSQL database next to DATABASE_URL (or on 127.0.0.1:5432), dropped afterwards. */
async function postgresDatabase(o: DatabaseOptions): Promise<BenchDatabase> {
  const adminUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
    ? process.env.DATABASE_URL!
    : 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bs_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = join(tmpdir(), `broadsheet-bench-pg-${name}`);
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: url.toString(), SEED_DEMO: '0' };
  const seed = await seedInto(env, o.stories);
  return {
    env,
    seed,
    cleanup: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The seeded database of one engine. */
export function benchDatabase(engine: 'sqlite' | 'postgres', o: DatabaseOptions): Promise<BenchDatabase> {
  return engine === 'sqlite' ? sqliteDatabase(o) : postgresDatabase(o);
}
