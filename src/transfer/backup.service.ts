import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import { AppError } from '../http/errors.js';
import { contentRows } from './restore-export.service.js';

const run = promisify(execFile);

/** manifest.json of a backup folder; written last, so a folder without it is an unfinished backup. */
export interface BackupManifest {
  format: 'broadsheet-backup';
  version: 1;
  dialect: 'sqlite' | 'postgres';
  /** File name of the database copy inside the folder. */
  database: string;
  /** Folder name of the media copy inside the folder. */
  media: string;
  created_at: number;
}

type Deps = Pick<AppDeps, 'database' | 'config' | 'clock' | 'db' | 'events'>;
/** Where pg_dump / pg_restore are looked up (tests point these at a missing binary). */
export interface PgTools {
  pgDump?: string;
  pgRestore?: string;
}

const PG_GUIDANCE =
  'Install the PostgreSQL client tools of your server’s major version (Debian/Ubuntu: apt-get install postgresql-client), ' +
  'or back up with your provider’s snapshots (pg_dump --format=custom "$DATABASE_URL") and copy MEDIA_DIR alongside.';

async function pgTool(bin: string, args: string[], what: string): Promise<void> {
  try {
    await run(bin, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new AppError(503, 'pg_tools_missing', `${what} needs ${bin}, which is not installed here. ${PG_GUIDANCE}`);
    throw new AppError(
      500,
      'pg_tool_failed',
      `${bin} failed: ${(err.stderr ?? err.message).trim().split('\n').slice(0, 3).join(' ')}`,
    );
  }
}

const isEmptyDir = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).length === 0;
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * A consistent backup while the site keeps serving: SQLite through its online backup API (pages copied in
 * steps; writers are not blocked), PostgreSQL through pg_dump (one snapshot). Then the media folder, which
 * only ever gains content-addressed files, so copying it after the database misses nothing the copy refers to.
 */
export async function backupNewsroom(deps: Deps, dir: string, tools: PgTools = {}): Promise<BackupManifest> {
  if (!(await isEmptyDir(dir)))
    throw new AppError(409, 'backup_dir_not_empty', `${dir} is not empty; back up into a new or empty folder.`);
  await mkdir(dir, { recursive: true });
  const dialect = deps.database.dialect;
  const database = dialect === 'sqlite' ? 'broadsheet.db' : 'database.pgdump';
  // After the first step, copy every remaining page in ONE step: a step is one read transaction, so the copy is a
  // single snapshot. In WAL mode that does not block the site's writers, and small steps would restart each
  // time another process (the running server) writes, possibly never finishing on a busy site.
  if (dialect === 'sqlite') await deps.database.sqlite!.backup(join(dir, database), { progress: () => 0x7fffffff });
  else {
    const url = deps.config.database.kind === 'postgres' ? deps.config.database.url : '';
    await pgTool(
      tools.pgDump ?? 'pg_dump',
      ['--format=custom', '--no-owner', '--file', join(dir, database), url],
      'Backing up PostgreSQL',
    );
  }
  if (await exists(deps.config.mediaDir)) await cp(deps.config.mediaDir, join(dir, 'media'), { recursive: true });
  else await mkdir(join(dir, 'media'));
  const manifest: BackupManifest = {
    format: 'broadsheet-backup',
    version: 1,
    dialect,
    database,
    media: 'media',
    created_at: deps.clock(),
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function readManifest(dir: string): Promise<BackupManifest> {
  const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => {
    throw new AppError(422, 'not_a_backup', `${dir} is not a finished Broadsheet backup: manifest.json is missing.`);
  });
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    throw new AppError(422, 'not_a_backup', `${dir}/manifest.json is not valid JSON.`);
  }
  if (
    m.format !== 'broadsheet-backup' ||
    m.version !== 1 ||
    (m.dialect !== 'sqlite' && m.dialect !== 'postgres') ||
    typeof m.database !== 'string' ||
    m.database.includes('/')
  )
    throw new AppError(
      422,
      'not_a_backup',
      `${dir}/manifest.json does not describe a Broadsheet backup this version can restore.`,
    );
  return m as BackupManifest;
}

/**
 * Puts a backup back: the database (the configured one, same engine) and the media files. Refuses to
 * overwrite a database that holds content unless `force`.
 */
export async function restoreNewsroom(
  deps: Deps,
  dir: string,
  opts: { force?: boolean } & PgTools = {},
): Promise<BackupManifest> {
  const m = await readManifest(dir);
  const here = deps.database.dialect;
  if (m.dialect !== here)
    throw new AppError(
      409,
      'wrong_engine',
      `This backup is of a ${m.dialect} database and the configured one is ${here}. Move between engines with export and import broadsheet.`,
    );
  const present = await contentRows(deps);
  if (Object.keys(present).length && !opts.force)
    throw new AppError(
      409,
      'not_empty',
      `The database is not empty (${Object.entries(present)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ')}); pass --force to replace it with the backup.`,
    );
  const file = join(dir, m.database);
  if (!(await exists(file))) throw new AppError(422, 'not_a_backup', `${file} is missing from the backup.`);
  if (here === 'sqlite') {
    const target = deps.config.database.kind === 'sqlite' ? deps.config.database.file : '';
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      // The backup API copies into the live file under SQLite's own locks; open connections see the new pages.
      await source.backup(target);
    } finally {
      source.close();
    }
  } else {
    const url = deps.config.database.kind === 'postgres' ? deps.config.database.url : '';
    await pgTool(
      opts.pgRestore ?? 'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file],
      'Restoring PostgreSQL',
    );
  }
  if (await exists(join(dir, m.media)))
    await cp(join(dir, m.media), deps.config.mediaDir, { recursive: true, force: true });
  // pg_restore brings rows and indexes back, not the planner's statistics.
  await analyzeAfterBulkLoad(deps);
  // Pages and lookups this process keeps in memory describe the newsroom that was replaced.
  deps.events.publish({ type: 'site.replaced', id: 0, actor: 'restore' });
  return m;
}
