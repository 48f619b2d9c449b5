import { parseArgs } from 'node:util';
import { backupNewsroom, restoreNewsroom } from '../transfer/backup.service.js';
import type { CliCommand } from './command.js';

/** `backup <dir>`: a consistent copy of the database and media while the site keeps serving. */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <dir>   online backup of the database (SQLite backup API or pg_dump) and the media folder',
  async run(args, deps) {
    const dir = args[0];
    if (!dir) throw new Error('Name a new or empty folder: backup <dir>');
    const m = await backupNewsroom(deps, dir);
    process.stdout.write(`Backed up the ${m.dialect} database and media to ${dir} (restore with: restore ${dir})\n`);
  },
};

/** `restore <dir> [--force]`: puts a backup back; refuses a database with content unless --force. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <dir> [--force]   put a backup back (an existing newsroom is only replaced with --force)',
  async run(args, deps) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false } },
    });
    const dir = positionals[0];
    if (!dir) throw new Error('Name the backup folder: restore <dir>');
    const m = await restoreNewsroom(deps, dir, { force: values.force });
    process.stdout.write(`Restored the ${m.dialect} backup of ${new Date(m.created_at).toISOString()} from ${dir}\n`);
  },
};
