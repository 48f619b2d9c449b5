import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDeps } from '../../src/boot.js';
import type { AppDeps } from '../../src/app.deps.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type JobRunner, startJobRunner } from '../../src/jobs/job.runner.js';
import { billingMailJobs } from '../../src/billing/payment.jobs.js';
import { readerMailJobs } from '../../src/readers/reader.jobs.js';
import type { DialectName } from '../../src/db/dialect.js';
import { TEST_PG_ADMIN_URL } from './services.js';

/** Every data and HTTP test runs once per dialect. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestEnv {
  deps: AppDeps;
  config: Config;
  dir: string;
  /** The DATABASE_URL a second process would use to share this database. */
  databaseUrl: string;
  /**
   * The env's job runner, attached to deps.jobs, running the jobs requests queue (readers' account mail) at once
   * when kicked and never by itself (no poll): `settled()` waits for them, `tick()` runs what is due by the clock.
   */
  jobs: JobRunner;
  close(): Promise<void>;
}

/**
 * Creates an empty PostgreSQL database with a random name on the server of `adminUrl` (the tests' own by
 * default; the benchmarks pass DATABASE_URL) and returns its URL and a dropper.
 */
export async function createPgDatabase(adminUrl = TEST_PG_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bs_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Builds real dependencies on a throwaway database of the given dialect (a temp SQLite file, or a
 * fresh PostgreSQL database), migrated and empty, with a media directory of its own.
 */
export async function createTestEnv(
  dialect: DialectName,
  env: Record<string, string> = {},
  overrides: Partial<Pick<AppDeps, 'clock' | 'log' | 'mailer'>> = {},
): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-test-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  const databaseUrl = pgDb ? pgDb.url : join(dir, 'test.db');
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'http://news.test',
    LOG_REQUESTS: '0',
    SEED_DEMO: '0',
    ...env,
  });
  const deps = await createDeps(config, { log: () => {}, ...overrides });
  const jobs = await startJobRunner(deps, [...readerMailJobs(deps), ...billingMailJobs(deps)], { pollMs: 0 });
  deps.jobs.attach(jobs);
  return {
    deps,
    config,
    dir,
    databaseUrl,
    jobs,
    async close() {
      await jobs.stop();
      await deps.searchIndex.settled();
      await deps.mailer.close();
      await deps.database.close();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
