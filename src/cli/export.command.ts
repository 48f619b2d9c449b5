import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportNewsroom, exportText } from '../transfer/export.service.js';
import type { CliCommand } from './command.js';

/** `export <file> [--with-secrets]`: the whole newsroom as one JSON file (docs/export.schema.json). */
export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'export <file.json> [--with-secrets]   the whole newsroom as one JSON file (no password hashes unless --with-secrets)',
  async run(args, deps) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'with-secrets': { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file) throw new Error('Name the file to write: export <file.json>');
    const doc = await exportNewsroom(deps, { withSecrets: values['with-secrets'] });
    await writeFile(file, exportText(doc));
    const counts = Object.entries(doc.tables)
      .filter(([, rows]) => rows.length)
      .map(([t, rows]) => `${t}: ${rows.length}`);
    process.stdout.write(
      `Exported to ${file}${doc.secrets ? ' (WITH password hashes: keep it safe)' : ''}\n  ${counts.join('\n  ')}\n  media files listed: ${doc.media.length}\n`,
    );
  },
};
