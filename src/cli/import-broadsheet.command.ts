import { readFile } from 'node:fs/promises';
import { importNewsroom } from '../transfer/restore-export.service.js';
import type { CliCommand } from './command.js';

/** `import broadsheet <file>`: restores a Broadsheet export into an empty database, exactly. */
export const importBroadsheetCommand: CliCommand = {
  name: 'import broadsheet',
  usage: 'import broadsheet <file.json>   restore a Broadsheet export into an empty database',
  async run(args, deps) {
    const file = args[0];
    if (!file) throw new Error('Name the export file: import broadsheet <file.json>');
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    const counts = await importNewsroom(deps, text);
    process.stdout.write(
      `Restored from ${file}\n  ${Object.entries(counts)
        .map(([t, n]) => `${t}: ${n}`)
        .join('\n  ')}\n`,
    );
  },
};
