import { parseArgs } from 'node:util';
import { formatReport } from '../transfer/import.report.js';
import { importFile } from '../transfer/import.service.js';
import { progressBar } from '../transfer/progress.js';
import type { CliCommand } from './command.js';

/** `import wordpress <export.xml> [--media DIR]`: imports a WordPress export; prints the report at the end. */
export const importWordPressCommand: CliCommand = {
  name: 'import wordpress',
  usage: 'import wordpress <export.xml> [--media DIR]   import a WordPress export (idempotent; old URLs redirect)',
  async run(args, deps) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { media: { type: 'string' } } });
    const file = positionals[0];
    if (!file) throw new Error('Name the WordPress export file: import wordpress <export.xml>');
    const report = await importFile(deps, 'wordpress', file, { mediaDir: values.media, onProgress: progressBar(process.stderr, 'Importing') });
    process.stdout.write(`${formatReport(report)}\n`);
  },
};
