// What the suite needs from the machine, made ready before a test runs: PostgreSQL and Redis answering, and
// Debian's Chromium for the browser tests. scripts/run-tests.mjs runs this file first (so `npm test` passes on a
// fresh machine by itself): it starts what is installed but stopped, installs Chromium when it may (root with
// apt-get), says in one line what it did, and otherwise stops with what to install or start.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/** Debian's Chromium, the one browser the browser tests drive (test/support/browser.ts). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The PostgreSQL server tests use; each test database is created on it and dropped afterwards. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the cross-process tests talk to. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What was found on the machine: the input of `planServices`. */
export interface ServiceProbe {
  /** Running as root: may start PostgreSQL's cluster and install packages. */
  root: boolean;
  postgres: {
    answers: boolean;
    /** The server is this machine's (127.0.0.1 / localhost), so starting it here can help. */
    local: boolean;
    /** The installed cluster version (`/etc/postgresql/<version>/main`) when pg_ctlcluster exists, else null. */
    cluster: string | null;
  };
  redis: { answers: boolean; local: boolean; serverInstalled: boolean };
  chromium: { needed: boolean; present: boolean; aptGet: boolean };
}

/** One thing to do to the machine. */
export type ServiceStep =
  | { do: 'start-postgres'; version: string }
  | { do: 'start-redis'; port: number }
  | { do: 'install-chromium' };

/**
 * Decides what to start or install, and what to ask the person for instead (`problems`, each a sentence that
 * says what to do). Pure: the probe is read by `probeServices`.
 */
export function planServices(p: ServiceProbe, redisPort = 6379): { steps: ServiceStep[]; problems: string[] } {
  const steps: ServiceStep[] = [];
  const problems: string[] = [];
  if (!p.postgres.answers) {
    if (!p.postgres.local)
      problems.push(
        `PostgreSQL at ${TEST_PG_ADMIN_URL} does not answer: start it, or point TEST_PG_URL at one that does.`,
      );
    else if (!p.postgres.cluster)
      problems.push(
        'PostgreSQL does not answer on 127.0.0.1:5432 and none is installed: install it (Debian: apt-get install postgresql), ' +
          'with trust authentication for user postgres on 127.0.0.1, or set TEST_PG_URL.',
      );
    else if (!p.root)
      problems.push(
        `PostgreSQL ${p.postgres.cluster} is installed but stopped: start it with ` +
          `\`sudo pg_ctlcluster ${p.postgres.cluster} main start\` and run the tests again.`,
      );
    else steps.push({ do: 'start-postgres', version: p.postgres.cluster });
  }
  if (!p.redis.answers) {
    if (!p.redis.local)
      problems.push(`Redis at ${TEST_REDIS_URL} does not answer: start it, or point TEST_REDIS_URL at one that does.`);
    else if (!p.redis.serverInstalled)
      problems.push(
        `Redis does not answer on 127.0.0.1:${redisPort} and redis-server is not installed: install it (Debian: apt-get install redis-server).`,
      );
    else steps.push({ do: 'start-redis', port: redisPort });
  }
  if (p.chromium.needed && !p.chromium.present) {
    if (p.root && p.chromium.aptGet) steps.push({ do: 'install-chromium' });
    else
      problems.push(
        `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}: install it (\`sudo apt-get install chromium\`) and run the tests again.`,
      );
  }
  return { steps, problems };
}

const isLocalHost = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/** A program on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** The PostgreSQL server answers a query (on its `postgres` database: the test database may not exist yet). */
export async function postgresAnswers(url = TEST_PG_ADMIN_URL): Promise<boolean> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Redis answers PING with PONG within a second. */
export function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Reads the machine: what answers, what is installed, who we are. */
export async function probeServices(opts: { browser: boolean }): Promise<ServiceProbe> {
  const clusters = existsSync('/etc/postgresql')
    ? readdirSync('/etc/postgresql')
        .filter((v) => existsSync(join('/etc/postgresql', v, 'main')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const [pgUp, redisUp] = await Promise.all([postgresAnswers(), redisAnswers()]);
  return {
    root: process.getuid?.() === 0,
    postgres: {
      answers: pgUp,
      local: isLocalHost(new URL(TEST_PG_ADMIN_URL).hostname),
      cluster: onPath('pg_ctlcluster') ? (clusters[0] ?? null) : null,
    },
    redis: {
      answers: redisUp,
      local: isLocalHost(new URL(TEST_REDIS_URL).hostname),
      serverInstalled: onPath('redis-server') !== null,
    },
    chromium: { needed: opts.browser, present: existsSync(CHROMIUM_PATH), aptGet: onPath('apt-get') !== null },
  };
}

async function until(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

/** Does one step, waits until it took, and returns the line that says what was done (or throws why not). */
async function runStep(step: ServiceStep): Promise<string> {
  const run = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) =>
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env: env ?? process.env });
  switch (step.do) {
    case 'start-postgres':
      run('pg_ctlcluster', ['--skip-systemctl-redirect', step.version, 'main', 'start']);
      if (!(await until(() => postgresAnswers(), 30)))
        throw new Error(`started PostgreSQL ${step.version}/main, but it does not answer after 30 s`);
      return `started PostgreSQL ${step.version}/main (it was installed but not answering on 127.0.0.1:5432)`;
    case 'start-redis':
      // biome-ignore format: one flag and its value per pair
      run('redis-server', [
        '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(step.port),
        '--save', '', '--appendonly', 'no', '--dir', '/tmp', '--logfile', '/tmp/redis-test.log',
      ]);
      if (!(await until(() => redisAnswers(), 10)))
        throw new Error('started redis-server, but it does not answer after 10 s (see /tmp/redis-test.log)');
      return `started redis-server on 127.0.0.1:${step.port} (it was installed but not answering); log in /tmp/redis-test.log`;
    case 'install-chromium':
      aptInstall('chromium', CHROMIUM_PATH, 'test services', 'the browser tests');
      return `installed Debian's chromium (${CHROMIUM_PATH} was missing)`;
  }
}

/** Installs one Debian package with apt-get (as root) and checks that the program it brings is there. */
function aptInstall(pkg: string, path: string, who: string, why: string): void {
  console.log(`${who}: installing Debian's ${pkg} with apt-get (${why} need ${path})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  run(['update', '-qq']);
  run(['install', '-y', '-qq', pkg]);
  if (!existsSync(path)) throw new Error(`apt-get installed ${pkg}, but ${path} is not there`);
}

/**
 * A program from a Debian package the benchmarks need (wrk): its path, installed the way the suite installs
 * Chromium when it is missing and we may (root with apt-get); otherwise throws with the command to run.
 */
export function ensureProgram(name: string, pkg: string, why: string): string {
  const found = onPath(name);
  if (found) return found;
  const path = `/usr/bin/${name}`;
  if (process.getuid?.() !== 0 || !onPath('apt-get'))
    throw new Error(`${why} need ${name}: install it (\`sudo apt-get install ${pkg}\`) and run again.`);
  aptInstall(pkg, path, 'bench', why);
  return path;
}

/** The test database the suite creates its throwaway databases from must exist: make it on a fresh server. */
async function ensureTestDatabase(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return null;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // only "database does not exist" is ours to mend
  } finally {
    await client.end().catch(() => {});
  }
  const name = new URL(TEST_PG_ADMIN_URL).pathname.slice(1);
  const server = new URL(TEST_PG_ADMIN_URL);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return `created the PostgreSQL database "${name}" the tests start from`;
}

/** Makes the machine ready for the suite; returns false (after saying what to do) when it could not. */
export async function ensureTestServices(opts: { browser: boolean }): Promise<boolean> {
  const plan = planServices(await probeServices(opts), Number(new URL(TEST_REDIS_URL).port || 6379));
  const problems = [...plan.problems];
  for (const step of plan.steps) {
    try {
      console.log(`test services: ${await runStep(step)}`);
    } catch (err) {
      problems.push(`Could not ${step.do.replace('-', ' ')}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!problems.some((p) => p.includes('PostgreSQL'))) {
    const created = await ensureTestDatabase().catch((err: Error) => {
      problems.push(`PostgreSQL answers, but the tests' database is not usable: ${err.message}`);
      return null;
    });
    if (created) console.log(`test services: ${created}`);
  }
  for (const p of problems) console.error(`test services: ${p}`);
  return problems.length === 0;
}

// Run by scripts/run-tests.mjs: `node --import tsx test/support/services.ts [--browser]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await ensureTestServices({ browser: process.argv.includes('--browser') })) ? 0 : 1;
}
