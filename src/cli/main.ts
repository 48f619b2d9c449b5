import { createDeps } from '../boot.js';
import { loadConfig } from '../config.js';
import { AppError } from '../http/errors.js';
import { cropsCommand } from './crops.command.js';
import { stripCommand } from './strip.command.js';
import { startEventRelay } from '../live/relay.js';
import type { CliCommand } from './command.js';
import { userCreateCommand, userPasswordCommand } from './user.command.js';
import { webhookCommands } from './webhook.command.js';
import { importGhostCommand } from './import-ghost.command.js';
import { importWordPressCommand } from './import-wordpress.command.js';
import { importBroadsheetCommand } from './import-broadsheet.command.js';
import { exportCommand } from './export.command.js';
import { importMediaCommand } from './import-media.command.js';
import { importMembersCommand } from './import-members.command.js';
import { backupCommand, restoreCommand } from './backup.command.js';

/**
 * `npm run broadsheet -- <command> …`: the operators' command line. Each command lives in its own
 * `*.command.ts` file and is listed here; the longest matching name wins ("user create" before "user").
 */
const COMMANDS: CliCommand[] = [
  userCreateCommand,
  userPasswordCommand,
  ...webhookCommands,
  importGhostCommand,
  importWordPressCommand,
  importBroadsheetCommand,
  importMediaCommand,
  importMembersCommand,
  cropsCommand,
  stripCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
];

function usage(): string {
  return ['Usage: npm run broadsheet -- <command> [arguments]', '', ...COMMANDS.map((c) => `  ${c.usage}`)].join('\n');
}

async function run(argv: string[]): Promise<void> {
  const match = COMMANDS.filter((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  }).sort((a, b) => b.name.length - a.name.length)[0];
  if (!match) {
    process.stderr.write(`${argv.length ? `Unknown command: ${argv.join(' ')}\n\n` : ''}${usage()}\n`);
    process.exit(argv.length ? 2 : 0);
  }
  const deps = await createDeps(loadConfig(), { log: () => {} });
  // What a command publishes (imports, user changes) reaches the running servers' buses too.
  const relay = await startEventRelay(deps);
  try {
    await match.run(argv.slice(match.name.split(' ').length), deps);
  } finally {
    // What the command wrote reaches the search index before the database closes.
    await deps.searchIndex.settled();
    await relay?.close();
    await deps.database.close();
  }
}

run(process.argv.slice(2)).catch((err) => {
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`broadsheet: ${message}\n`);
  process.exit(1);
});
