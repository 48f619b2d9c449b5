import { parseArgs } from 'node:util';
import { formatReport } from '../transfer/import.report.js';
import { importFile } from '../transfer/import.service.js';
import { progressBar } from '../transfer/progress.js';
import type { CliCommand } from './command.js';

/** `import ghost <export.json> [--media DIR]`: imports a Ghost export; prints the report at the end. */
export const importGhostCommand: CliCommand = {
  name: 'import ghost',
  usage: 'import ghost <export.json> [--media DIR]   import a Ghost export (idempotent; old URLs redirect)',
  async run(args, deps) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { media: { type: 'string' } } });
    const file = positionals[0];
    if (!file) throw new Error('Name the Ghost export file: import ghost <export.json>');
    const report = await importFile(deps, 'ghost', file, { mediaDir: values.media, onProgress: progressBar(process.stderr, 'Importing') });
    process.stdout.write(`${formatReport(report)}\n`);
  },
};
